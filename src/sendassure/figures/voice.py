"""Families' voice streams in the figures service: complaints by the month received
(on time, upheld), so plan areas 1 and 3, the pack and the public page read them like
any other measure. A complaint counts in the period it was received; its response is
known from the day it was sent (so a figure as known on a date ignores later replies).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sendassure.kpis.complaints import ComplaintRow, on_time
from sendassure.kpis.disclosure import Rules
from sendassure.kpis.percent import percent
from sendassure.kpis.periods import CALENDAR_YEAR
from sendassure.kpis.results import Result

from .registry import FLOW, DataCurrency, Family, Measure, Stream, register, register_stream

STREAM = "complaints"


def _inputs(areas: Sequence[str]) -> dict:
    from sendassure.voice.queries import complaint_rows
    from sendassure.voice.themes import taxonomy

    return {"rows": complaint_rows(list(areas)), "deadlines": taxonomy().deadlines}


def _currency(areas: Sequence[str]) -> DataCurrency:
    from django.db.models import Max, Min

    from sendassure.voice.models import Complaint

    found = Complaint.objects.filter(la__in=list(areas)).aggregate(
        first=Min("received_on"), last=Max("received_on"), replied=Max("responded_on"))
    if found["last"] is None:
        return DataCurrency(None, None)
    last = max(d for d in (found["last"], found["replied"]) if d is not None)
    return DataCurrency(found["first"].replace(day=1), last, "complaints")


def _version(areas: Sequence[str]) -> str:
    from sendassure.core.versions import current
    from sendassure.voice.importing import VERSION_KEY

    return current([VERSION_KEY])


def _areas() -> list[str]:
    from sendassure.voice.models import Complaint

    return sorted(set(Complaint.objects.values_list("la", flat=True)))


register_stream(Stream(STREAM, "SEND complaints", _inputs, _currency, _version, _areas))


@dataclass(frozen=True)
class Complaints(Result):
    complaints_received: int
    complaints_responded: int
    complaints_on_time: int
    pc_complaints_on_time: Decimal | None
    complaints_upheld: int
    pc_complaints_upheld: Decimal | None


def population(inputs: dict, start: date, end: date, as_of: date) -> list[dict]:
    out = []
    for r in inputs["rows"]:
        if not start <= r.received_on <= end or r.received_on > as_of:
            continue
        known = r if r.responded_on is None or r.responded_on <= as_of else ComplaintRow(
            r.reference, r.stage, r.received_on, r.themes, None, "")
        replied = known.responded_on is not None and known.outcome != "withdrawn"
        out.append({"replied": replied, "on_time": replied and on_time(known,
                                                                      inputs["deadlines"]),
                    "upheld": replied and known.outcome in ("upheld", "partly_upheld")})
    return out


def summarise(rows: list[dict]) -> Complaints:
    replied = sum(r["replied"] for r in rows)
    timely = sum(r["on_time"] for r in rows)
    upheld = sum(r["upheld"] for r in rows)
    return Complaints(len(rows), replied, timely, percent(timely, replied), upheld,
                      percent(upheld, replied))


RULES = Rules(
    lines=((("complaints_responded", "complaints_not_responded"), "complaints_received"),
           (("complaints_on_time", "complaints_late"), "complaints_responded"),
           (("complaints_upheld", "complaints_not_upheld"), "complaints_responded")),
    percentages={"pc_complaints_on_time": ("complaints_on_time", "complaints_responded"),
                 "pc_complaints_upheld": ("complaints_upheld", "complaints_responded")},
    complements={
        "complaints_not_responded": ("complaints_received", ("complaints_responded",)),
        "complaints_late": ("complaints_responded", ("complaints_on_time",)),
        "complaints_not_upheld": ("complaints_responded", ("complaints_upheld",))},
)

register(Family(
    name="complaints", title="SEND complaints", stream=STREAM, kind=FLOW,
    period_kind=CALENDAR_YEAR,
    definition=("Complaints (each stage a complaint) received in the period; responded: "
                "with a response by the date known, not withdrawn; on time: by the stage's "
                "deadline in working days after the day received; upheld: upheld or partly "
                "upheld."),
    population=population, summarise=summarise, result=Complaints, rules=RULES,
    statutory_section=False, exclusions="None.",
    measures=(
        Measure("complaints_received", "Complaints received", "count", "neither",
                "Complaints (each stage) received in the period."),
        Measure("complaints_responded", "Complaints responded to", "count", "neither",
                "Of those, responded to (withdrawn ones excluded)."),
        Measure("complaints_on_time", "Complaints responded to on time", "count", "up",
                "Responded to by the stage's deadline (working days)."),
        Measure("pc_complaints_on_time", "% of complaints responded to on time", "percent",
                "up", "On time as a percentage of those responded to.",
                "complaints_on_time", "complaints_responded"),
        Measure("complaints_upheld", "Complaints upheld or partly upheld", "count", "down",
                "Upheld or partly upheld."),
        Measure("pc_complaints_upheld", "% of complaints upheld", "percent", "down",
                "Upheld or partly upheld as a percentage of those responded to.",
                "complaints_upheld", "complaints_responded"),
    ),
))
