"""The SEND x health figures for an area as at a date (``as_of``, by default the latest
date in the area's referral extracts, never today). Every wait and interval is in whole
days between two dates of the data; a date after ``as_of`` is not yet known on it.

(a) ``waiting``: children with an EHC plan active on ``as_of`` (``kpis.caseload.active_on``)
or an EHC needs assessment open on it (``kpis.open_assessments.open_cases``, as the
worklist), linked through the identifiers file to a referral open on ``as_of`` (referred
on or before it, no clock stop on or before it), counted once per service, in the band
of their longest open wait there: 0-18 weeks (up to 126 days), 18-52 (127-364), over 52
(365 or more). A child with a plan and an open assessment is counted as having a plan.
``None`` when no identifiers file is held: no join can be made.

(b) ``ehc_advice`` (regulation 8, SEND Regulations 2014: health advice within 6 weeks of
the request): every referral whose advice was requested on or before ``as_of``;
returned within 6 weeks (42 days or fewer), returned later, not yet returned (of which
overdue: more than 42 days since the request). The percentage is of those whose 6 weeks
are decided: returned, or overdue.

(c) ``standards``: wheelchair service referrals whose clock stopped on or before
``as_of``, within 18 weeks (126 days) of referral, against 92%; autism assessment
referrals first seen on or before ``as_of``, within 13 weeks (91 days).
Percentages by ``kpis.percent``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Max

from sendassure.casework.frames import active_plans_for, requests_for
from sendassure.casework.models import Person
from sendassure.kpis.caseload import active_on
from sendassure.kpis.open_assessments import open_cases
from sendassure.kpis.percent import percent

from ..referral_models import Referral
from .identifiers import linked

WEEKS_18, WEEKS_52 = 126, 364
ADVICE_DAYS = 42  # regulation 8: six weeks
WHEELCHAIR, WHEELCHAIR_DAYS, WHEELCHAIR_STANDARD = "wheelchair", 126, Decimal("92.0")
AUTISM, AUTISM_DAYS = "asd", 91
BANDS = ("weeks_0_18", "weeks_18_52", "weeks_over_52")
DATES = ("referral_date", "first_contact_date", "clock_stop_date", "ehc_advice_requested",
         "ehc_advice_returned")


def band(days: int) -> str:
    if days <= WEEKS_18:
        return BANDS[0]
    return BANDS[1] if days <= WEEKS_52 else BANDS[2]


def latest_date(la: str) -> date | None:
    """The latest date of any kind in the area's referral extracts."""
    found = Referral.objects.filter(la=la).aggregate(**{d: Max(d) for d in DATES})
    known = [d for d in found.values() if d is not None]
    return max(known) if known else None


def send_children(la: str, as_of: date) -> dict[str, str]:
    """UPN hash (``Person.match_key``) -> "ehc_plan" or "open_assessment" on ``as_of``."""
    planned = set(active_on(active_plans_for([la]), as_of)["person_id"].to_list())
    assessing = set(open_cases(requests_for([la]), as_of)["person_id"].to_list()) - planned
    keys = dict(Person.objects.filter(la=la, id__in=planned | assessing)
                .values_list("id", "match_key"))
    return {keys[p]: ("ehc_plan" if p in planned else "open_assessment")
            for p in planned | assessing if p in keys}


def waiting(la: str, as_of: date) -> dict | None:
    links = linked(la)
    if not links:
        return None
    children = send_children(la, as_of)
    nhs_to_child: dict[str, str] = {}
    for upn, nhs_keys in links.items():
        if upn in children:
            nhs_to_child |= dict.fromkeys(nhs_keys, upn)
    open_rows = (Referral.objects.filter(la=la, nhs_key__in=list(nhs_to_child),
                                         referral_date__lte=as_of)
                 .exclude(clock_stop_date__lte=as_of)
                 .values_list("nhs_key", "service", "referral_date"))
    earliest: dict[tuple[str, str], date] = {}
    for nhs, service, referred in open_rows:
        child = nhs_to_child[nhs]
        if (child, service) not in earliest or referred < earliest[child, service]:
            earliest[child, service] = referred
    services: dict[str, dict[str, int]] = {}
    for (child, service), referred in sorted(earliest.items(), key=lambda i: i[0][1]):
        counts = services.setdefault(service, {"total": 0, "ehc_plan": 0,
                                               "open_assessment": 0, **dict.fromkeys(BANDS, 0)})
        counts["total"] += 1
        counts[children[child]] += 1
        counts[band((as_of - referred).days)] += 1
    waiting_children = {child for child, _ in earliest}
    return {"send_children": len(children),
            "ehc_plan": sum(v == "ehc_plan" for v in children.values()),
            "open_assessment": sum(v == "open_assessment" for v in children.values()),
            "linked": sum(c in links for c in children),
            "waiting": len(waiting_children), "services": services}


def ehc_advice(la: str, as_of: date) -> dict:
    rows = Referral.objects.filter(la=la, ehc_advice_requested__lte=as_of).values_list(
        "ehc_advice_requested", "ehc_advice_returned")
    within = later = pending = overdue = 0
    for asked, returned in rows:
        if returned is not None and returned <= as_of:
            if (returned - asked).days <= ADVICE_DAYS:
                within += 1
            else:
                later += 1
        else:
            pending += 1
            overdue += (as_of - asked).days > ADVICE_DAYS
    decided = within + later + overdue
    return {"requested": within + later + pending, "returned_within_6_weeks": within,
            "returned_later": later, "not_yet_returned": pending,
            "not_yet_returned_overdue": overdue, "denominator": decided,
            "pc_within_6_weeks": percent(within, decided)}


def _standard(la: str, as_of: date, service: str, end: str, days: int,
              standard: Decimal | None, weeks: int) -> dict:
    rows = Referral.objects.filter(la=la, service=service, **{f"{end}__lte": as_of}
                                   ).values_list("referral_date", end)
    count = denominator = 0
    for referred, ended in rows:
        denominator += 1
        count += (ended - referred).days <= days
    pc = percent(count, denominator)
    return {"service": service, "weeks": weeks, "days": days, "count": count,
            "denominator": denominator, "pc": pc, "standard_pc": standard,
            "meets_standard": None if pc is None or standard is None else pc >= standard}


def standards(la: str, as_of: date) -> dict:
    return {
        "wheelchair_within_18_weeks": _standard(la, as_of, WHEELCHAIR, "clock_stop_date",
                                                WHEELCHAIR_DAYS, WHEELCHAIR_STANDARD, 18),
        "autism_first_appointment_within_13_weeks": _standard(
            la, as_of, AUTISM, "first_contact_date", AUTISM_DAYS, None, 13)}


@dataclass(frozen=True)
class SendHealth:
    la: str
    as_of: date | None
    waiting: dict | None
    ehc_advice: dict | None
    standards: dict | None


def send_health(la: str, as_of: date | None = None) -> SendHealth:
    as_of = as_of or latest_date(la)
    if as_of is None:
        return SendHealth(la, None, None, None, None)
    return SendHealth(la, as_of, waiting(la, as_of), ehc_advice(la, as_of),
                      standards(la, as_of))
