"""NHS Autism Statistics as published: one row per month, sub-ICB location and metric
(the file's own rows), a suppressed value kept as missing (``value`` null, ``missing``
saying why), never 0. ICB and England figures are summed from these on read."""

from __future__ import annotations

from django.db import models


class AutismRelease(models.Model):
    """A file loaded: its bytes' SHA-256 and the months it held."""

    sha256 = models.CharField(max_length=64, unique=True)
    file_name = models.CharField(max_length=255)
    months = models.JSONField(help_text="The months (YYYY-MM) the file held.")
    loaded_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"NHS Autism Statistics {self.file_name}"


class AutismCell(models.Model):
    release = models.ForeignKey(AutismRelease, on_delete=models.CASCADE, related_name="cells")
    month = models.DateField(help_text="First day of the reporting month.")
    sub_icb = models.CharField(max_length=20, help_text="Sub-ICB location ODS code "
                                                        "(UNKNOWN where not known).")
    sub_icb_name = models.CharField(max_length=200)
    icb_code = models.CharField(max_length=10, null=True,
                                help_text="ODS code of the ICB the sub-ICB location is in.")
    metric = models.CharField(max_length=10)
    value = models.DecimalField(max_digits=12, decimal_places=2, null=True)
    missing = models.CharField(max_length=20, blank=True,
                               help_text="suppressed ('*') or not_published (blank).")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["month", "sub_icb", "metric"],
                                               name="one_autism_cell")]
        indexes = [models.Index(fields=["icb_code", "month"])]
