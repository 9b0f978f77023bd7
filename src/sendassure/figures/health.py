"""Health waits in the figures service: children's community health services waiting
lists from NHS England's CHS sitreps, for the ICB an area falls in, month by month, so
plan area 8 ("unacceptable waits for health services") links to them like any other
measure.

These are NHS England's published statistics (Open Government Licence): every audience
sees them as published (``Family.published``). A family is a stock taken at a month's
end: on a date it is the latest sitrep month that had ended by then. One area at a time,
and only an area inside one ICB: the counties that span two or three ICBs have no value
(the sitreps publish ICBs, not local authorities).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sendassure.kpis.disclosure import Rules
from sendassure.kpis.percent import percent
from sendassure.kpis.periods import MONTH, month_end
from sendassure.kpis.results import Result

from .registry import STOCK, DataCurrency, Family, Measure, Stream, register, register_stream

STREAM = "health_waits"
SALT = "(cyp) therapy interventions: speech and language"
PAEDIATRICS = "(cyp) community paediatric service"


def _icb(areas: Sequence[str]) -> str | None:
    from sendassure.health.organisations import icbs_of

    icbs = icbs_of(areas[0]) if len(areas) == 1 else ()
    return icbs[0][0] if len(icbs) == 1 else None


def _inputs(areas: Sequence[str]) -> list[dict]:
    from sendassure.health.models import ServiceWait
    from sendassure.health.waits import derived

    icb = _icb(areas)
    if icb is None:
        return []
    rows = []
    for wait in ServiceWait.objects.filter(level="icb", org_code=icb,
                                           service__startswith="(CYP)").select_related(
                                               "edition"):
        bands = wait.edition.bands
        found = derived({band: getattr(wait, band) for band in bands}, bands)
        rows.append({"month": wait.edition.month, "service": wait.service.lower(),
                     "total": found["total"], "over_18_weeks": found["over_18_weeks"]})
    return rows


def _currency(areas: Sequence[str]) -> DataCurrency:
    from django.db.models import Max, Min

    from sendassure.health.models import ServiceWait

    icb = _icb(areas)
    if icb is None:
        return DataCurrency(None, None)
    found = ServiceWait.objects.filter(level="icb", org_code=icb).aggregate(
        first=Min("edition__month"), last=Max("edition__month"), loaded=Max("edition__loaded_at"))
    if found["last"] is None:
        return DataCurrency(None, None)
    return DataCurrency(found["first"], month_end(found["last"]),
                        "NHS England community health services sitreps", found["loaded"])


def _version(areas: Sequence[str]) -> str:
    from sendassure.core.versions import current
    from sendassure.health.store import VERSION_KEY

    return current([VERSION_KEY])


def _areas() -> list[str]:
    from sendassure.core.models import Area
    from sendassure.health.models import ServiceWait

    held = set(ServiceWait.objects.filter(level="icb").values_list("org_code", flat=True))
    return sorted(code for code in Area.objects.values_list("code", flat=True)
                  if _icb([code]) in held)


register_stream(Stream(STREAM, "NHS community health services waits (ICB)", _inputs,
                       _currency, _version, _areas))


@dataclass(frozen=True)
class HealthWaits(Result):
    cyp_health_waiting: int | None
    cyp_health_waiting_over_18_weeks: int | None
    pc_cyp_health_waiting_over_18_weeks: Decimal | None
    salt_waiting: int | None
    salt_waiting_over_18_weeks: int | None
    pc_salt_waiting_over_18_weeks: Decimal | None
    paediatrics_waiting: int | None
    paediatrics_waiting_over_18_weeks: int | None
    pc_paediatrics_waiting_over_18_weeks: Decimal | None


def population(inputs: list[dict], on: date) -> list[dict]:
    """The ICB's children's service lines in the latest sitrep month ended by ``on``,
    those whose total and weeks over 18 are both published."""
    ended = [r["month"] for r in inputs if month_end(r["month"]) <= on]
    if not ended:
        return []
    latest = max(ended)
    return [r for r in inputs if r["month"] == latest and r["total"] is not None
            and r["over_18_weeks"] is not None]


def _part(rows: list[dict]) -> tuple[int | None, int | None, Decimal | None]:
    if not rows:
        return None, None, None
    total = sum(r["total"] for r in rows)
    over = sum(r["over_18_weeks"] for r in rows)
    return total, over, percent(over, total)


def summarise(rows: list[dict]) -> HealthWaits:
    return HealthWaits(*_part(rows), *_part([r for r in rows if r["service"] == SALT]),
                       *_part([r for r in rows if r["service"] == PAEDIATRICS]))


register(Family(
    name="health_waits", title="Children's community health services waits (ICB)",
    stream=STREAM, kind=STOCK, period_kind=MONTH,
    definition=("Children and young people waiting for community health services at the "
                "month's end in the area's integrated care board, from NHS England's "
                "community health services sitrep (Tables 4, 4f and 4g, or 4f to 4h from "
                "2025). Over 18 weeks: waiting more than 18 weeks (18-52 plus over 52). "
                "Only service lines with both the total and the weeks over 18 published "
                "count; suppressed ('*') and not-submitted lines are left out. On a date, "
                "the latest sitrep month that had ended by then."),
    population=population, summarise=summarise, result=HealthWaits, rules=Rules(),
    statutory_section=False, published=True,
    exclusions=("Areas spanning more than one ICB (no value); service lines suppressed or "
                "not submitted; adult services."),
    measures=(
        Measure("cyp_health_waiting", "Children waiting for community health services",
                "count", "down", "Children and young people on the ICB's community health "
                "services waiting lists at the month's end (service lines summed)."),
        Measure("cyp_health_waiting_over_18_weeks",
                "Children waiting over 18 weeks for community health services", "count",
                "down", "Of those, waiting more than 18 weeks."),
        Measure("pc_cyp_health_waiting_over_18_weeks",
                "% of children waiting over 18 weeks for community health services",
                "percent", "down", "Waiting over 18 weeks as a percentage of those waiting.",
                "cyp_health_waiting_over_18_weeks", "cyp_health_waiting"),
        Measure("salt_waiting", "Children waiting for speech and language therapy", "count",
                "down", "The ICB's '(CYP) Therapy interventions: Speech and language' "
                "waiting list at the month's end."),
        Measure("salt_waiting_over_18_weeks",
                "Children waiting over 18 weeks for speech and language therapy", "count",
                "down", "Of those, waiting more than 18 weeks."),
        Measure("pc_salt_waiting_over_18_weeks",
                "% of children waiting over 18 weeks for speech and language therapy",
                "percent", "down", "Waiting over 18 weeks as a percentage of those waiting.",
                "salt_waiting_over_18_weeks", "salt_waiting"),
        Measure("paediatrics_waiting", "Children waiting for community paediatrics",
                "count", "down", "The ICB's '(CYP) Community paediatric service' waiting "
                "list at the month's end (including autism and ADHD assessment where "
                "paediatrics runs it)."),
        Measure("paediatrics_waiting_over_18_weeks",
                "Children waiting over 18 weeks for community paediatrics", "count", "down",
                "Of those, waiting more than 18 weeks."),
        Measure("pc_paediatrics_waiting_over_18_weeks",
                "% of children waiting over 18 weeks for community paediatrics", "percent",
                "down", "Waiting over 18 weeks as a percentage of those waiting.",
                "paediatrics_waiting_over_18_weeks", "paediatrics_waiting"),
    ),
))
