"""The area's stored referrals as the checks' entries."""

from __future__ import annotations

from ..referral_models import Referral
from . import Entry

FIELDS = ("provider_code", "row", "nhs_key", "service", "birth_month", "referral_date",
          "first_contact_date", "clock_stop_date")


def entries(la: str) -> list[Entry]:
    rows = Referral.objects.filter(la=la).values(*FIELDS, "extract__file_name")
    return [Entry(file_name=r.pop("extract__file_name"), **r) for r in rows]
