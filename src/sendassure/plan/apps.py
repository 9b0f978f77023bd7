from django.apps import AppConfig


class PlanConfig(AppConfig):
    name = "sendassure.plan"
    label = "plan"
    verbose_name = "Improvement plan"
