import pytest


@pytest.fixture
def table_counts(db):
    """Row counts of every table the application owns."""
    from django.apps import apps

    def counts() -> dict[str, int]:
        return {
            model._meta.db_table: model.objects.count()
            for model in apps.get_models()
            if model._meta.app_label in ("casework", "ingest", "core")
        }

    return counts
