"""The fact table: every figure of an area's default view, as known on the data's end,
kept so pages, packs and the API read it instead of computing it."""

from django.db import models

from sendassure.core.scoping import AreaScoped


class Fact(AreaScoped):
    """One output of a family for one period and group (narrow: one row per measure)."""

    family = models.CharField(max_length=40)
    measure = models.CharField(max_length=60)
    period = models.CharField(max_length=16, help_text="Period key, e.g. 2024, 2024-Q3.")
    period_kind = models.CharField(max_length=16)
    period_start = models.DateField()
    period_end = models.DateField()
    breakdown = models.CharField(max_length=120, blank=True, help_text="dimension=group")
    as_of = models.DateField(help_text="Known on (the data's end).")
    status = models.CharField(max_length=8)
    value = models.DecimalField(max_digits=20, decimal_places=1, null=True)
    numerator = models.BigIntegerField(null=True)
    denominator = models.BigIntegerField(null=True)
    shown = models.CharField(max_length=24, help_text="As shown to aggregate audiences.")
    computed_by = models.CharField(max_length=20, help_text="Version of the figures code.")

    class Meta:
        constraints = [models.UniqueConstraint(
            fields=["la", "family", "measure", "period", "breakdown"], name="one_fact")]
        indexes = [models.Index(fields=["la", "family"])]


class FactsRefresh(models.Model):
    """When an area's facts were last computed, from which inputs, by which code."""

    la = models.CharField(max_length=3, primary_key=True)
    inputs = models.CharField(max_length=200)
    computed_by = models.CharField(max_length=20)
    as_of = models.DateField(null=True)
    rows = models.PositiveIntegerField(default=0)
    refreshed_at = models.DateTimeField(auto_now=True)
