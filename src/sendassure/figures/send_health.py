"""SEND x health in the figures service: children with an EHC plan or an open EHC needs
assessment who are waiting for health services (through the council's identifiers
file), health advice for assessments returned within 6 weeks (regulation 8), wheelchair
equipment within 18 weeks and a first autism assessment appointment within 13 weeks,
from the providers' child-level referral extracts; so plan area 8 ("unacceptable waits
for health services") links to them like any other measure.

Counts derived from child-level records: shown as computed to casework roles and
disclosure-controlled for aggregate audiences (``Rules``), never published. A stock
taken on a date: every figure is ``health.send_health.figures`` on that date (the one
definition the command line and the page use too); the data's end is the latest date in
the area's referral extracts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sendassure.kpis.disclosure import Rules
from sendassure.kpis.percent import percent
from sendassure.kpis.periods import MONTH
from sendassure.kpis.results import Result

from .registry import STOCK, DataCurrency, Family, Measure, Stream, register, register_stream

STREAM = "send_health"


def _frames(la: str):
    """The area's SEN2 frames as the sen2 stream holds them (built once per version)."""
    from .inputs import case_frames

    found = case_frames([la])
    return found.active_plans, found.requests


def _inputs(areas: Sequence[str]) -> list:
    from sendassure.health.send_health.records import read

    return [read(la, _frames) for la in areas]


def _currency(areas: Sequence[str]) -> DataCurrency:
    """From the earliest referral date to the latest date of any kind in the areas'
    referral extracts (the earliest such end of a footprint's areas)."""
    from django.db.models import Max, Min

    from sendassure.health.referral_models import Referral, ReferralExtract
    from sendassure.health.send_health.records import DATES

    ends, starts = [], []
    for la in areas:
        found = Referral.objects.filter(la=la).aggregate(
            first=Min("referral_date"), **{d: Max(d) for d in DATES})
        known = [v for k, v in found.items() if k != "first" and v is not None]
        if not known:
            return DataCurrency(None, None)
        ends.append(max(known))
        starts.append(found["first"])
    if not ends:
        return DataCurrency(None, None)
    loaded = ReferralExtract.objects.filter(la__in=list(areas)).aggregate(
        at=Max("loaded_at"))["at"]
    return DataCurrency(min(starts), min(ends), "providers' referral extracts", loaded)


def _version(areas: Sequence[str]) -> str:
    from sendassure.core.versions import current, records_key
    from sendassure.health.referrals.store import VERSION_KEY as REFERRALS
    from sendassure.health.send_health.identifiers import VERSION_KEY as IDENTIFIERS

    return current([REFERRALS, IDENTIFIERS, *(records_key(la) for la in areas)])


def _areas() -> list[str]:
    from sendassure.health.referral_models import Referral

    return sorted(set(Referral.objects.values_list("la", flat=True)))


register_stream(Stream(STREAM, "Referral extracts joined to SEN2 cases (identifiers file)",
                       _inputs, _currency, _version, _areas))


@dataclass(frozen=True)
class Snapshot:
    """One area's SEND x health figures on a date, and its waiting children (UPN hash ->
    (plan or open assessment, longest wait in days); None without an identifiers file)."""

    figures: object  # health.send_health.figures.SendHealth
    children: dict | None


def population(inputs: list, on: date) -> list[Snapshot]:
    from sendassure.health.send_health.figures import figures_on, waiting_children

    return [Snapshot(figures_on(records, on), waiting_children(records, on))
            for records in inputs]


def _sum(values: list) -> int | None:
    """The areas' total; None when no area has a value."""
    known = [v for v in values if v is not None]
    return sum(known) if known else None


# -- children waiting, health advice and standards ---------------------------------------

@dataclass(frozen=True)
class SendHealth(Result):
    send_children: int | None
    send_children_linked: int | None
    send_children_waiting: int | None
    send_children_waiting_ehc_plan: int | None
    send_children_waiting_open_assessment: int | None
    send_children_waiting_over_18_weeks: int | None
    pc_send_children_waiting_over_18_weeks: Decimal | None
    send_children_waiting_over_52_weeks: int | None
    pc_send_children_waiting_over_52_weeks: Decimal | None
    ehc_health_advice_requested: int | None
    ehc_health_advice_within_6_weeks: int | None
    ehc_health_advice_returned_later: int | None
    ehc_health_advice_overdue: int | None
    ehc_health_advice_decided: int | None
    pc_ehc_health_advice_within_6_weeks: Decimal | None
    wheelchair_clock_stops: int | None
    wheelchair_within_18_weeks: int | None
    pc_wheelchair_within_18_weeks: Decimal | None
    autism_first_appointments: int | None
    autism_first_appointment_within_13_weeks: int | None
    pc_autism_first_appointment_within_13_weeks: Decimal | None


def _children(rows: list[Snapshot]) -> list:
    from sendassure.health.send_health.figures import BANDS, EHC_PLAN, OPEN_ASSESSMENT, band

    held = [r for r in rows if r.figures.waiting is not None]
    if not held:
        return [None] * 9
    waits = [w for r in held for w in r.children.values()]
    over_18 = sum(band(days) != BANDS[0] for _, days in waits)
    over_52 = sum(band(days) == BANDS[2] for _, days in waits)
    return [sum(r.figures.waiting["send_children"] for r in held),
            sum(r.figures.waiting["linked"] for r in held), len(waits),
            sum(status == EHC_PLAN for status, _ in waits),
            sum(status == OPEN_ASSESSMENT for status, _ in waits),
            over_18, percent(over_18, len(waits)), over_52, percent(over_52, len(waits))]


def _advice(rows: list[Snapshot]) -> list:
    found = [r.figures.ehc_advice for r in rows if r.figures.ehc_advice is not None]

    def total(name):
        return _sum([f[name] for f in found])

    within, decided = total("returned_within_6_weeks"), total("denominator")
    return [total("requested"), within, total("returned_later"),
            total("not_yet_returned_overdue"), decided,
            None if decided is None else percent(within, decided)]


def _standard(rows: list[Snapshot], key: str) -> list:
    found = [r.figures.standards[key] for r in rows if r.figures.standards is not None]
    count, denominator = _sum([f["count"] for f in found]), _sum([f["denominator"]
                                                                   for f in found])
    return [denominator, count, None if denominator is None else percent(count, denominator)]


def summarise(rows: list[Snapshot]) -> SendHealth:
    return SendHealth(*_children(rows), *_advice(rows),
                      *_standard(rows, "wheelchair_within_18_weeks"),
                      *_standard(rows, "autism_first_appointment_within_13_weeks"))


RULES = Rules(
    lines=((("send_children_linked", "send_children_not_linked"), "send_children"),
           (("send_children_waiting", "send_children_linked_not_waiting"),
            "send_children_linked"),
           (("send_children_waiting_ehc_plan", "send_children_waiting_open_assessment"),
            "send_children_waiting"),
           (("send_children_waiting_over_18_weeks", "send_children_waiting_up_to_18_weeks"),
            "send_children_waiting"),
           (("send_children_waiting_over_52_weeks", "send_children_waiting_18_to_52_weeks"),
            "send_children_waiting_over_18_weeks"),
           (("ehc_health_advice_within_6_weeks", "ehc_health_advice_returned_later",
             "ehc_health_advice_overdue"), "ehc_health_advice_decided"),
           (("ehc_health_advice_decided", "ehc_health_advice_not_yet_due"),
            "ehc_health_advice_requested"),
           (("wheelchair_within_18_weeks", "wheelchair_over_18_weeks"),
            "wheelchair_clock_stops"),
           (("autism_first_appointment_within_13_weeks",
             "autism_first_appointment_after_13_weeks"), "autism_first_appointments")),
    percentages={
        "pc_send_children_waiting_over_18_weeks": ("send_children_waiting_over_18_weeks",
                                                   "send_children_waiting"),
        "pc_send_children_waiting_over_52_weeks": ("send_children_waiting_over_52_weeks",
                                                   "send_children_waiting"),
        "pc_ehc_health_advice_within_6_weeks": ("ehc_health_advice_within_6_weeks",
                                                "ehc_health_advice_decided"),
        "pc_wheelchair_within_18_weeks": ("wheelchair_within_18_weeks",
                                          "wheelchair_clock_stops"),
        "pc_autism_first_appointment_within_13_weeks": (
            "autism_first_appointment_within_13_weeks", "autism_first_appointments")},
    complements={
        "send_children_not_linked": ("send_children", ("send_children_linked",)),
        "send_children_linked_not_waiting": ("send_children_linked",
                                             ("send_children_waiting",)),
        "send_children_waiting_up_to_18_weeks": ("send_children_waiting",
                                                 ("send_children_waiting_over_18_weeks",)),
        "send_children_waiting_18_to_52_weeks": ("send_children_waiting_over_18_weeks",
                                                 ("send_children_waiting_over_52_weeks",)),
        "ehc_health_advice_not_yet_due": ("ehc_health_advice_requested",
                                          ("ehc_health_advice_decided",)),
        "wheelchair_over_18_weeks": ("wheelchair_clock_stops",
                                     ("wheelchair_within_18_weeks",)),
        "autism_first_appointment_after_13_weeks": (
            "autism_first_appointments", ("autism_first_appointment_within_13_weeks",))},
)


def _count(name: str, label: str, polarity: str, definition: str) -> Measure:
    return Measure(name, label, "count", polarity, definition)


def _pc(name: str, label: str, polarity: str, definition: str, num: str, den: str
        ) -> Measure:
    return Measure(name, label, "percent", polarity, definition, num, den)


CHILDREN = ("children with an EHC plan active on the date or an EHC needs assessment open "
            "on it (SEN2 records, as the caseload and open assessments measures)")
LINKED = ("linked through the council's identifiers file (UPN and NHS number, as keyed "
          "hashes) to a referral open on the date (referred on or before it, no clock stop "
          "on or before it)")

register(Family(
    name="send_health", title="SEND x health: children waiting, health advice and standards",
    stream=STREAM, kind=STOCK, period_kind=MONTH,
    definition=("On a date, from the providers' child-level referral extracts: "
                f"{CHILDREN} who are waiting for health services, {LINKED}; EHC needs "
                "assessments' health advice returned within 6 weeks of the request "
                "(regulation 8 of the SEND Regulations 2014); wheelchair service referrals "
                "with equipment delivered (clock stopped) within 18 weeks (standard 92%); "
                "autism assessment referrals first seen within 13 weeks. Waits in whole days "
                "between two dates of the data; a date after the date asked for is not yet "
                "known on it."),
    population=population, summarise=summarise, result=SendHealth, rules=RULES,
    statutory_section=False,
    exclusions=("Children with a plan or open assessment whose UPN is not in the identifiers "
                "file (not linked); with no identifiers file held, no child-level join is "
                "made and the children's counts have no value. Referrals quarantined by the "
                "extract rules."),
    measures=(
        _count("send_children", "Children with an EHC plan or open assessment", "neither",
               f"The area's {CHILDREN}; a child with both counts once, as having a plan."),
        _count("send_children_linked",
               "Children with an EHC plan or open assessment in the identifiers file",
               "up", "Of those, children whose UPN the identifiers file links to an NHS "
               "number."),
        _count("send_children_waiting",
               "Children with an EHC plan or open assessment waiting for health services",
               "down", f"Of those, children {LINKED} (any service), each counted once."),
        _count("send_children_waiting_ehc_plan",
               "Children with an EHC plan waiting for health services", "down",
               "Of those waiting, children with a plan."),
        _count("send_children_waiting_open_assessment",
               "Children with an open EHC needs assessment waiting for health services",
               "down", "Of those waiting, children with an open assessment and no plan."),
        _count("send_children_waiting_over_18_weeks",
               "Children with an EHC plan or open assessment waiting over 18 weeks", "down",
               "Of those waiting, children whose longest open wait (any service) is more "
               "than 18 weeks (127 days or more)."),
        _pc("pc_send_children_waiting_over_18_weeks",
            "% of waiting children with an EHC plan or open assessment waiting over 18 "
            "weeks", "down", "Waiting over 18 weeks as a percentage of those waiting.",
            "send_children_waiting_over_18_weeks", "send_children_waiting"),
        _count("send_children_waiting_over_52_weeks",
               "Children with an EHC plan or open assessment waiting over 52 weeks", "down",
               "Of those waiting, children whose longest open wait is more than 52 weeks "
               "(365 days or more)."),
        _pc("pc_send_children_waiting_over_52_weeks",
            "% of waiting children with an EHC plan or open assessment waiting over 52 "
            "weeks", "down", "Waiting over 52 weeks as a percentage of those waiting.",
            "send_children_waiting_over_52_weeks", "send_children_waiting"),
        _count("ehc_health_advice_requested", "EHC health advice requests", "neither",
               "Referrals whose health advice for an EHC needs assessment was requested on "
               "or before the date."),
        _count("ehc_health_advice_within_6_weeks", "EHC health advice returned within 6 "
               "weeks", "up", "Of those, advice returned by the date within 42 days of the "
               "request."),
        _count("ehc_health_advice_returned_later", "EHC health advice returned after 6 weeks",
               "down", "Advice returned by the date more than 42 days after the request."),
        _count("ehc_health_advice_overdue", "EHC health advice not returned, over 6 weeks",
               "down", "Advice not returned by the date, more than 42 days after the "
               "request."),
        _count("ehc_health_advice_decided", "EHC health advice requests whose 6 weeks are "
               "decided", "neither", "Returned (in time or late) or overdue: the "
               "percentage's denominator."),
        _pc("pc_ehc_health_advice_within_6_weeks",
            "% of EHC health advice returned within 6 weeks", "up",
            "Returned within 6 weeks as a percentage of the requests whose 6 weeks are "
            "decided (returned, or overdue); advice not yet due is left out.",
            "ehc_health_advice_within_6_weeks", "ehc_health_advice_decided"),
        _count("wheelchair_clock_stops", "Wheelchair service referrals completed", "neither",
               "Referrals to the wheelchair, orthotics, prosthetics and equipment service "
               "whose clock stopped on or before the date."),
        _count("wheelchair_within_18_weeks", "Wheelchair equipment within 18 weeks", "up",
               "Of those, clock stopped within 126 days of referral."),
        _pc("pc_wheelchair_within_18_weeks",
            "% of children's wheelchair equipment delivered within 18 weeks", "up",
            "Within 18 weeks as a percentage of the referrals completed; NHS England's "
            "standard is 92%.", "wheelchair_within_18_weeks", "wheelchair_clock_stops"),
        _count("autism_first_appointments", "Autism assessment referrals first seen",
               "neither", "Autism assessment referrals with a first contact on or before the "
               "date."),
        _count("autism_first_appointment_within_13_weeks",
               "Autism assessment first appointments within 13 weeks", "up",
               "Of those, first seen within 91 days of referral."),
        _pc("pc_autism_first_appointment_within_13_weeks",
            "% of autism assessment first appointments within 13 weeks", "up",
            "First seen within 13 weeks as a percentage of those first seen.",
            "autism_first_appointment_within_13_weeks", "autism_first_appointments"),
    ),
))
