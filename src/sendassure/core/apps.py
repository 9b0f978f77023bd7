from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "sendassure.core"
    label = "core"
    verbose_name = "Core"
