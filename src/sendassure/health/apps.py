from django.apps import AppConfig


class HealthConfig(AppConfig):
    name = "sendassure.health"
    label = "health"
    verbose_name = "Health waits"
