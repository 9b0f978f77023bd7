"""Referral extracts as loaded: the extract (file, digest, counts), each stored referral
(the NHS number only as a keyed hash), and each quarantined row with its findings. No
table here holds an NHS number in clear, a name or a full date of birth; a value that
failed its format is kept only by its shape (docs/adr/0016)."""

from __future__ import annotations

from django.db import models

from sendassure.core.scoping import AreaScoped


class ReferralExtract(AreaScoped):
    file_name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    loaded_at = models.DateTimeField(auto_now_add=True)
    providers = models.JSONField(default=list, help_text="Provider codes the file holds.")
    stored = models.PositiveIntegerField(default=0)
    quarantined = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["la", "sha256"],
                                               name="one_referral_extract")]


class Referral(AreaScoped):
    """One referral to a service: the provider's current entry, replaced when a later
    extract of the same provider is loaded."""

    extract = models.ForeignKey(ReferralExtract, on_delete=models.PROTECT,
                                related_name="referrals")
    row = models.PositiveIntegerField(help_text="Its row in the extract (header = 1).")
    nhs_key = models.CharField(max_length=80, db_index=True,
                               help_text="Keyed hash of the NHS number (core.identity).")
    birth_month = models.DateField(help_text="First day of the birth month.")
    sex = models.CharField(max_length=1)
    service = models.CharField(max_length=40)
    provider_code = models.CharField(max_length=6)
    referral_date = models.DateField()
    priority = models.CharField(max_length=7)
    first_contact_date = models.DateField(null=True)
    clock_stop_date = models.DateField(null=True)
    clock_stop_reason = models.CharField(max_length=20, blank=True)
    ehc_advice_requested = models.DateField(null=True)
    ehc_advice_returned = models.DateField(null=True)

    class Meta:
        indexes = [models.Index(fields=["la", "provider_code"]),
                   models.Index(fields=["la", "service"])]


class QuarantinedReferral(AreaScoped):
    """A row that broke a rule: its cells as they may be kept (``rules.shown``) and every
    finding (``[{row, column, value, code, reason}]``)."""

    extract = models.ForeignKey(ReferralExtract, on_delete=models.CASCADE,
                                related_name="quarantine")
    row = models.PositiveIntegerField()
    content = models.JSONField()
    findings = models.JSONField()
    codes = models.CharField(max_length=100)
