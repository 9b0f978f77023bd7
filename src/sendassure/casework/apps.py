from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "sendassure.casework"
    label = "casework"
    verbose_name = "Case records (SEN2)"
