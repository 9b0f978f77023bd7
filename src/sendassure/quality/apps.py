from django.apps import AppConfig


class QualityConfig(AppConfig):
    name = "sendassure.quality"
    label = "quality"
    verbose_name = "EHC plan quality assurance"
