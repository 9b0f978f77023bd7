"""The area's open referrals (no clock stop) as the score's input, and the date waits are
measured to: the latest referral date loaded for the area. When the area's identifiers
file is held, each referral carries its child's SEN2 status on that date (plan, open
assessment or neither) through the hashes."""

from __future__ import annotations

from datetime import date

from django.db.models import Max

from ..referral_models import Referral
from ..send_health.figures import send_children
from ..send_health.identifiers import linked
from . import Open

FIELDS = ("provider_code", "row", "service", "birth_month", "referral_date", "priority",
          "ehc_advice_requested")


def reference_date(la: str) -> date | None:
    return Referral.objects.filter(la=la).aggregate(d=Max("referral_date"))["d"]


def open_referrals(la: str, providers: set[str] | None = None) -> list[Open]:
    rows = Referral.objects.filter(la=la, clock_stop_date__isnull=True)
    if providers:
        rows = rows.filter(provider_code__in=providers)
    status: dict[str, str] | None = None
    links = linked(la)
    as_of = reference_date(la) if links else None
    if as_of is not None:
        children = send_children(la, as_of)
        status = {nhs: children[upn] for upn, keys in links.items() if upn in children
                  for nhs in keys}
    found = []
    for r in rows.values(*FIELDS, "extract__file_name", "nhs_key"):
        nhs = r.pop("nhs_key")
        found.append(Open(file_name=r.pop("extract__file_name"),
                          send_status=None if status is None else status.get(nhs, ""), **r))
    return found
