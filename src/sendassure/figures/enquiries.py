"""The enquiries hub in the figures service: enquiries by the quarter received, replied
to on time (by the promised date for their urgency), urgent ones apart, escalations and
the median working days to a reply, so plan areas 1 and 3, the pack and aggregate roles
read them like any other measure (disclosure-controlled). An enquiry counts in the
period it was received; its reply is known from the day it was sent, and an escalation
counts whenever it was made (the hub records no dates for what was known before)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from sendassure.kpis.disclosure import Rules
from sendassure.kpis.enquiries import EnquiryRow, median_days, on_time
from sendassure.kpis.percent import percent
from sendassure.kpis.periods import QUARTER
from sendassure.kpis.results import Result

from .registry import FLOW, DataCurrency, Family, Measure, Stream, register, register_stream

STREAM = "enquiries"


def _inputs(areas: Sequence[str]) -> list[EnquiryRow]:
    from sendassure.enquiries.queries import enquiry_rows

    return enquiry_rows(list(areas))


def _currency(areas: Sequence[str]) -> DataCurrency:
    from django.db.models import Max, Min

    from sendassure.enquiries.models import Enquiry

    found = Enquiry.objects.filter(la__in=list(areas)).aggregate(
        first=Min("received_on"), last=Max("received_on"), replied=Max("replied_on"))
    if found["last"] is None:
        return DataCurrency(None, None)
    last = max(d for d in (found["last"], found["replied"]) if d is not None)
    return DataCurrency(found["first"].replace(day=1), last, "enquiries hub")


def _version(areas: Sequence[str]) -> str:
    from sendassure.core.versions import current
    from sendassure.enquiries.importing import VERSION_KEY

    return current([VERSION_KEY])


def _areas() -> list[str]:
    from sendassure.enquiries.models import Enquiry

    return sorted(set(Enquiry.objects.values_list("la", flat=True)))


register_stream(Stream(STREAM, "Enquiries hub", _inputs, _currency, _version, _areas))


@dataclass(frozen=True)
class Enquiries(Result):
    enquiries_received: int
    enquiries_replied: int
    enquiries_on_time: int
    pc_enquiries_on_time: Decimal | None
    urgent_enquiries: int
    urgent_enquiries_replied: int
    urgent_enquiries_on_time: int
    pc_urgent_enquiries_on_time: Decimal | None
    enquiries_escalated: int
    median_reply_working_days: Decimal | None


def population(inputs: list[EnquiryRow], start: date, end: date, as_of: date) -> list:
    """The enquiries received in the period by ``as_of``, replies known by then."""
    return [r if r.replied_on is None or r.replied_on <= as_of else replace(r, replied_on=None)
            for r in inputs if start <= r.received_on <= end and r.received_on <= as_of]


def summarise(rows: list[EnquiryRow]) -> Enquiries:
    replied = [r for r in rows if r.replied_on is not None]
    urgent = [r for r in rows if r.urgent]
    urgent_replied = [r for r in urgent if r.replied_on is not None]
    timely = sum(on_time(r) for r in replied)
    urgent_timely = sum(on_time(r) for r in urgent_replied)
    return Enquiries(len(rows), len(replied), timely, percent(timely, len(replied)),
                     len(urgent), len(urgent_replied), urgent_timely,
                     percent(urgent_timely, len(urgent_replied)),
                     sum(r.escalated for r in rows), median_days(replied))


RULES = Rules(
    lines=((("enquiries_replied", "enquiries_not_replied"), "enquiries_received"),
           (("enquiries_on_time", "enquiries_late"), "enquiries_replied"),
           (("urgent_enquiries", "routine_enquiries"), "enquiries_received"),
           (("urgent_enquiries_replied", "urgent_enquiries_not_replied"), "urgent_enquiries"),
           (("urgent_enquiries_replied", "routine_enquiries_replied"), "enquiries_replied"),
           (("urgent_enquiries_on_time", "urgent_enquiries_late"),
            "urgent_enquiries_replied"),
           (("urgent_enquiries_on_time", "routine_enquiries_on_time"), "enquiries_on_time"),
           (("enquiries_escalated", "enquiries_not_escalated"), "enquiries_received")),
    percentages={"pc_enquiries_on_time": ("enquiries_on_time", "enquiries_replied"),
                 "pc_urgent_enquiries_on_time": ("urgent_enquiries_on_time",
                                                 "urgent_enquiries_replied")},
    means={"median_reply_working_days": "enquiries_replied"},
    complements={
        "enquiries_not_replied": ("enquiries_received", ("enquiries_replied",)),
        "enquiries_late": ("enquiries_replied", ("enquiries_on_time",)),
        "routine_enquiries": ("enquiries_received", ("urgent_enquiries",)),
        "urgent_enquiries_not_replied": ("urgent_enquiries", ("urgent_enquiries_replied",)),
        "routine_enquiries_replied": ("enquiries_replied", ("urgent_enquiries_replied",)),
        "urgent_enquiries_late": ("urgent_enquiries_replied", ("urgent_enquiries_on_time",)),
        "routine_enquiries_on_time": ("enquiries_on_time", ("urgent_enquiries_on_time",)),
        "enquiries_not_escalated": ("enquiries_received", ("enquiries_escalated",))},
)


def _count(name: str, label: str, polarity: str, definition: str) -> Measure:
    return Measure(name, label, "count", polarity, definition)


register(Family(
    name="enquiries", title="Enquiries hub: response times", stream=STREAM, kind=FLOW,
    period_kind=QUARTER,
    definition=("Enquiries to the hub (phone, email, web form, letter, in person...) "
                "received in the period; replied: with a reply by the date known; on time: "
                "replied by the promised date, a number of working days (England and "
                "Wales) after the day received that depends on whether the category is "
                "urgent (out of education, placement breaking down, risk of permanent "
                "exclusion, part-time timetable by default; configurable)."),
    population=population, summarise=summarise, result=Enquiries, rules=RULES,
    statutory_section=False, exclusions="None.",
    measures=(
        _count("enquiries_received", "Enquiries received", "neither",
               "Enquiries received in the period."),
        _count("enquiries_replied", "Enquiries replied to", "up",
               "Of those, replied to by the date known."),
        _count("enquiries_on_time", "Enquiries replied to on time", "up",
               "Replied to by the promised date."),
        Measure("pc_enquiries_on_time", "% of enquiries replied to on time", "percent", "up",
                "On time as a percentage of those replied to.", "enquiries_on_time",
                "enquiries_replied"),
        _count("urgent_enquiries", "Urgent enquiries received", "neither",
               "Enquiries in an urgent category."),
        _count("urgent_enquiries_replied", "Urgent enquiries replied to", "up",
               "Urgent enquiries replied to by the date known."),
        _count("urgent_enquiries_on_time", "Urgent enquiries replied to on time", "up",
               "Urgent enquiries replied to by the promised (urgent) date."),
        Measure("pc_urgent_enquiries_on_time", "% of urgent enquiries replied to on time",
                "percent", "up", "Urgent on time as a percentage of urgent replied to.",
                "urgent_enquiries_on_time", "urgent_enquiries_replied"),
        _count("enquiries_escalated", "Enquiries escalated", "neither",
               "Enquiries received in the period escalated at least once."),
        Measure("median_reply_working_days", "Median working days to a reply",
                "working_days", "down",
                "The median of the working days from the day received to the reply, over "
                "the enquiries replied to.", None, "enquiries_replied"),
    ),
))
