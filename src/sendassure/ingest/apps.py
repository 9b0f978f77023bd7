from django.apps import AppConfig


class IngestConfig(AppConfig):
    name = "sendassure.ingest"
    label = "ingest"
    verbose_name = "Imports and quarantine"
