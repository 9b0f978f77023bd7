"""One organisation's waits for one service, month by month, for every month from the
first sitrep held to the last: the number waiting, over 18 weeks and % over 18 weeks, as
the waits contract gives them (``waits``), and what the month lacks.

A month no edition is held for stays a gap; a count published as ``*`` (suppressed) or
left blank (not submitted) stays missing, never 0. A month in which providers in the
organisation's footprint did not submit (the edition's Table 1, for its own month) is
incomplete: its figures are shown, and said to be incomplete. A service is the same
across editions whatever its capitals or spacing (2023's editions wrote "speech and
language", later ones "Speech and language").

A series is kept for the sitreps held (under their version: loading an edition makes a
new one); about 90 queries make one, and it is the same for everyone who asks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache

from sendassure.kpis.periods import add_months

from .models import NonSubmission, ServiceWait, SitrepEdition
from .store import VERSION_KEY
from .waits import NoWaits, waits

NO_SITREP = "no sitrep held"
NOT_PUBLISHED = "not published"
SUPPRESSED = "suppressed"
NOT_SUBMITTED = "not submitted"
NO_ONE_WAITING = "no one waiting"
# the bands % over 18 weeks is made of (over 52 weeks is split at 104 from 2025)
MADE_OF = ("total", "weeks_18_52", "weeks_over_52", "weeks_52_104", "weeks_over_104")


@dataclass(frozen=True)
class MonthWaits:
    month: date
    total: int | None = None
    over_18_weeks: int | None = None
    pc_over_18_weeks: Decimal | None = None
    missing: str = ""  # why % over 18 weeks is missing: one of the constants above
    not_submitted: int = 0  # providers in scope that did not submit for the month

    @property
    def incomplete(self) -> bool:
        return self.not_submitted > 0


def same_service(name: str) -> str:
    """What identifies a service across editions."""
    return " ".join(name.casefold().split())


def services(prefix: str) -> list[str]:
    """The services whose names start with ``prefix`` (``(CYP)``, ``(A)``) in any edition
    held, each named as its latest edition names it, in that edition's order."""
    found: dict[str, str] = {}
    for edition in SitrepEdition.objects.order_by("-month"):
        names = (edition.waits.filter(level="england", service__startswith=prefix)
                 .order_by("pk").values_list("service", flat=True))
        for name in names:
            found.setdefault(same_service(name), name)
    return list(found.values())


def _missing(month: date, org_name: str, service: str) -> str:
    """Why a month's % over 18 weeks is missing: suppressed before not submitted."""
    row = ServiceWait.objects.filter(edition__month=month, org_name=org_name,
                                     service=service).first()
    kinds = {(row.missing if row else {}).get(band) for band in MADE_OF} - {None}
    if "suppressed" in kinds:
        return SUPPRESSED
    return NOT_SUBMITTED if kinds else NO_ONE_WAITING


def _not_submitted(month: date, org: str, org_name: str) -> int:
    rows = NonSubmission.objects.filter(edition__month=month, month=month)
    row = rows.filter(org_code=org).first() or rows.filter(org_name__iexact=org_name).first()
    return row.providers if row else 0


def _month(org: str, service: str, month: date) -> MonthWaits:
    try:
        found = waits(org, month)
    except NoWaits:
        return MonthWaits(month, missing=NOT_PUBLISHED)
    wanted = same_service(service)
    name = next((s for s in found["services"] if same_service(s) == wanted), None)
    not_submitted = _not_submitted(month, found["org"], found["org_name"])
    if name is None:
        return MonthWaits(month, missing=NOT_PUBLISHED, not_submitted=not_submitted)
    values = found["services"][name]
    pc = values["pc_over_18_weeks"]
    return MonthWaits(month, values["total"], values["over_18_weeks"], pc,
                      "" if pc is not None else _missing(month, found["org_name"], name),
                      not_submitted)


def over_time(org: str, service: str) -> list[MonthWaits]:
    """Every month from the first edition held to the last, oldest first."""
    from sendassure.core.versions import any_set, current

    version = current([VERSION_KEY])
    if not any_set(version):  # editions stored other than by the loader: read afresh
        return _over_time(org, service)
    return list(_kept(version, org, same_service(service), service))


@lru_cache(maxsize=256)
def _kept(version: str, org: str, wanted: str, service: str) -> tuple[MonthWaits, ...]:
    return tuple(_over_time(org, service))


def _over_time(org: str, service: str) -> list[MonthWaits]:
    held = list(SitrepEdition.objects.order_by("month").values_list("month", flat=True))
    if not held:
        return []
    out, month = [], held[0]
    while month <= held[-1]:
        out.append(_month(org, service, month) if month in held
                   else MonthWaits(month, missing=NO_SITREP))
        month = add_months(month, 1)
    return out
