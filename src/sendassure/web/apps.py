from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "sendassure.web"
    label = "web"
