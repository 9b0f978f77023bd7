from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "sendassure.web"
    label = "web"

    def ready(self) -> None:
        from sendassure.ingest.signals import return_stored

        return_stored.connect(_refresh_dashboard_facts, dispatch_uid="dashboard-facts")


def _refresh_dashboard_facts(sender, la: str, run, **kwargs) -> None:
    from django.conf import settings

    if settings.DASHBOARD_FACTS_ON_IMPORT:
        from .presenters.dashboard.facts import refresh

        refresh(la, run)
