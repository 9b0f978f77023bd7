from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "sendassure.jobs"
    label = "jobs"
    verbose_name = "Background jobs"
