"""The waits contract: one organisation's waiting list by service for one month, the
bands its edition publishes, with over 52 weeks (from 2025: 52-104 plus over 104) and
over 18 weeks derived, and the share over 18 weeks by the project's percentage rule."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sendassure.kpis.percent import percent

from .models import BAND_FIELDS, ServiceWait, SitrepEdition
from .organisations import ENGLAND

DERIVED = ("over_18_weeks", "pc_over_18_weeks")


class NoWaits(LookupError):
    """Nothing is held for that organisation or month; ``str(error)`` says which."""


def _sum(*values: int | None) -> int | None:
    return None if any(v is None for v in values) else sum(values)


def derived(counts: dict[str, int | None], bands: list[str]) -> dict[str, int | Decimal | None]:
    """A service's published bands plus over 52 (when split at 104), over 18 and % over 18."""
    found: dict[str, int | Decimal | None] = {band: counts.get(band) for band in bands}
    if "weeks_over_52" not in bands:
        found["weeks_over_52"] = _sum(counts.get("weeks_52_104"), counts.get("weeks_over_104"))
    found["over_18_weeks"] = _sum(found.get("weeks_18_52"), found["weeks_over_52"])
    total = found.get("total")
    found["pc_over_18_weeks"] = None if found["over_18_weeks"] is None or not total \
        else percent(found["over_18_weeks"], total)
    order = [*BAND_FIELDS, *DERIVED]
    return {key: found[key] for key in order if key in found}


def latest_month() -> date | None:
    edition = SitrepEdition.objects.order_by("-month").first()
    return edition.month if edition else None


def _rows(org: str, edition: SitrepEdition):
    rows = edition.waits.all()
    if org.lower() == ENGLAND:
        return rows.filter(level=ENGLAND)
    by_code = rows.filter(org_code__iexact=org)
    return by_code if by_code.exists() else rows.filter(org_code=None, org_name__iexact=org)


def waits(org: str, month: date | None = None) -> dict:
    """``{"org", "org_name", "month", "services": {service: {band: count, ...}}}``;
    ``month`` defaults to the latest held. Services keep the edition's column order."""
    month = month or latest_month()
    edition = SitrepEdition.objects.filter(month=month).first() if month else None
    if edition is None:
        raise NoWaits(f"no sitrep is held for {month:%Y-%m}" if month else
                      "no sitrep is held")
    rows = list(_rows(org, edition).order_by("pk"))
    if not rows:
        raise NoWaits(f"the {edition.month:%B %Y} sitrep has nothing for {org!r}")
    first: ServiceWait = rows[0]
    services = {}
    for row in rows:
        counts = {band: getattr(row, band) for band in edition.bands}
        services[row.service] = derived(counts, edition.bands)
    return {"org": first.org_code or first.org_name, "org_name": first.org_name,
            "month": f"{edition.month:%Y-%m}", "services": services}
