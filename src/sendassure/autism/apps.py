from django.apps import AppConfig


class AutismConfig(AppConfig):
    name = "sendassure.autism"
    label = "autism"
    verbose_name = "NHS Autism Statistics"
