"""The area's open referrals (no clock stop) as the score's input, and the date waits are
measured to: the latest referral date loaded for the area."""

from __future__ import annotations

from datetime import date

from django.db.models import Max

from ..referral_models import Referral
from . import Open

FIELDS = ("provider_code", "row", "service", "birth_month", "referral_date", "priority",
          "ehc_advice_requested")


def reference_date(la: str) -> date | None:
    return Referral.objects.filter(la=la).aggregate(d=Max("referral_date"))["d"]


def open_referrals(la: str, providers: set[str] | None = None) -> list[Open]:
    rows = Referral.objects.filter(la=la, clock_stop_date__isnull=True)
    if providers:
        rows = rows.filter(provider_code__in=providers)
    return [Open(file_name=r.pop("extract__file_name"), **r)
            for r in rows.values(*FIELDS, "extract__file_name")]
