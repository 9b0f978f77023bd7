"""Sitrep editions as published: one edition per month (the newest replaces an older
one), one row per organisation and service with a count per published wait band, and
the providers that did not submit. See docs/adr for the storage model."""

from __future__ import annotations

from django.db import models

from .organisations import LEVELS

BAND_FIELDS = ("total", "weeks_0_1", "weeks_1_2", "weeks_2_4", "weeks_4_12", "weeks_12_18",
               "weeks_18_52", "weeks_over_52", "weeks_52_104", "weeks_over_104")


class SitrepEdition(models.Model):
    month = models.DateField(unique=True, help_text="First day of the month the tables are of.")
    published = models.DateField(null=True, help_text="The cover page's 'Published' date.")
    file_name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    bands = models.JSONField(help_text="The wait bands this edition publishes, in order.")
    loaded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["month"]

    def __str__(self) -> str:
        return f"CHS sitrep {self.month:%B %Y} (published {self.published})"


class ServiceWait(models.Model):
    """An organisation's waiting list for one service in one edition. A band's count is
    null when missing; ``missing`` says which kind (``suppressed`` for '*',
    ``not_submitted`` for a blank) for each missing band the edition publishes."""

    edition = models.ForeignKey(SitrepEdition, on_delete=models.CASCADE, related_name="waits")
    level = models.CharField(max_length=10, choices=LEVELS)
    org_code = models.CharField(max_length=20, null=True,
                                help_text="ODS code (England: ONS code); null for a "
                                          "provider whose table gives none.")
    org_name = models.CharField(max_length=200)
    service = models.CharField(max_length=200)
    total = models.PositiveIntegerField(null=True)
    weeks_0_1 = models.PositiveIntegerField(null=True)
    weeks_1_2 = models.PositiveIntegerField(null=True)
    weeks_2_4 = models.PositiveIntegerField(null=True)
    weeks_4_12 = models.PositiveIntegerField(null=True)
    weeks_12_18 = models.PositiveIntegerField(null=True)
    weeks_18_52 = models.PositiveIntegerField(null=True)
    weeks_over_52 = models.PositiveIntegerField(null=True)
    weeks_52_104 = models.PositiveIntegerField(null=True)
    weeks_over_104 = models.PositiveIntegerField(null=True)
    missing = models.JSONField(default=dict)

    class Meta:
        constraints = [models.UniqueConstraint(
            fields=["edition", "level", "org_name", "service"], name="one_service_wait")]
        indexes = [models.Index(fields=["org_code", "edition"]),
                   models.Index(fields=["level", "org_name"])]


class NonSubmission(models.Model):
    """Table 1: how many providers in an organisation's footprint did not submit for a
    month, as the edition reports it (an edition reports several months)."""

    edition = models.ForeignKey(SitrepEdition, on_delete=models.CASCADE,
                                related_name="non_submissions")
    level = models.CharField(max_length=10, choices=LEVELS)
    org_code = models.CharField(max_length=20, null=True)
    org_name = models.CharField(max_length=200)
    month = models.DateField()
    providers = models.PositiveIntegerField()


from .identifier_models import IdentifierPair, IdentifiersFile  # noqa: E402
from .referral_models import QuarantinedReferral, Referral, ReferralExtract  # noqa: E402

__all__ = ["BAND_FIELDS", "IdentifierPair", "IdentifiersFile", "NonSubmission",
           "QuarantinedReferral", "Referral", "ReferralExtract", "ServiceWait",
           "SitrepEdition"]
