"""Dashboard fact table: each page's figures for an area's default view, computed in the
same transaction as the import that changed the area, so a page view computes nothing."""

from django.db import models

from sendassure.core.scoping import AreaScoped


class DashboardFact(AreaScoped):
    page = models.CharField(max_length=20)
    aggregate = models.BooleanField(help_text="Disclosure-controlled (aggregate roles).")
    year = models.PositiveSmallIntegerField()
    as_of = models.DateField()
    import_run = models.ForeignKey("ingest.ImportRun", on_delete=models.CASCADE,
                                   related_name="+")
    payload = models.JSONField(help_text="Sections and figures, as the page shows them.")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["la", "page", "aggregate"],
                                               name="one_fact_per_page")]
