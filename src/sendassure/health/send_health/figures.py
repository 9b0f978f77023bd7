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
Percentages by ``kpis.percent``.

Each figure is a pure function of the area's records (``records.read``) and the date, so
the command line, the page and the figures service (``figures.send_health``) compute it
the same way."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sendassure.kpis.caseload import active_on
from sendassure.kpis.open_assessments import open_cases
from sendassure.kpis.percent import percent

from .records import DATES, Records, ReferralRow, case_records, read

WEEKS_18, WEEKS_52 = 126, 364
ADVICE_DAYS = 42  # regulation 8: six weeks
WHEELCHAIR, WHEELCHAIR_DAYS, WHEELCHAIR_STANDARD = "wheelchair", 126, Decimal("92.0")
AUTISM, AUTISM_DAYS = "asd", 91
BANDS = ("weeks_0_18", "weeks_18_52", "weeks_over_52")
EHC_PLAN, OPEN_ASSESSMENT = "ehc_plan", "open_assessment"


def band(days: int) -> str:
    if days <= WEEKS_18:
        return BANDS[0]
    return BANDS[1] if days <= WEEKS_52 else BANDS[2]


def latest(referrals: tuple[ReferralRow, ...]) -> date | None:
    """The latest date of any kind in referral rows."""
    known = [getattr(r, d) for r in referrals for d in DATES if getattr(r, d) is not None]
    return max(known) if known else None


def children_on(records: Records, as_of: date) -> dict[str, str]:
    """UPN hash (``Person.match_key``) -> "ehc_plan" or "open_assessment" on ``as_of``."""
    if records.plans is None or records.requests is None:
        return {}
    planned = set(active_on(records.plans, as_of)["person_id"].to_list())
    assessing = set(open_cases(records.requests, as_of)["person_id"].to_list()) - planned
    keys = records.person_keys
    return {keys[p]: (EHC_PLAN if p in planned else OPEN_ASSESSMENT)
            for p in planned | assessing if p in keys}


def send_children(la: str, as_of: date) -> dict[str, str]:
    """``children_on`` for an area's stored case records."""
    plans, requests, keys = case_records(la)
    return children_on(Records(la, (), {}, plans, requests, keys), as_of)


def waits(records: Records, as_of: date, children: dict[str, str]
          ) -> dict[tuple[str, str], date]:
    """(child, service) -> the earliest referral of the child to the service open on
    ``as_of`` (referred on or before it, no clock stop on or before it)."""
    nhs_to_child: dict[str, str] = {}
    for upn, nhs_keys in records.links.items():
        if upn in children:
            nhs_to_child |= dict.fromkeys(nhs_keys, upn)
    earliest: dict[tuple[str, str], date] = {}
    for r in records.referrals:
        child = nhs_to_child.get(r.nhs_key)
        if child is None or r.referral_date > as_of or (
                r.clock_stop_date is not None and r.clock_stop_date <= as_of):
            continue
        key = (child, r.service)
        if key not in earliest or r.referral_date < earliest[key]:
            earliest[key] = r.referral_date
    return earliest


def waiting_children(records: Records, as_of: date) -> dict[str, tuple[str, int]] | None:
    """Each linked child with a plan or open assessment who is waiting on ``as_of``: UPN
    hash -> ("ehc_plan" or "open_assessment", their longest open wait in days, any
    service). None when no identifiers file is held."""
    if not records.links:
        return None
    children = children_on(records, as_of)
    found: dict[str, tuple[str, int]] = {}
    for (child, _), referred in waits(records, as_of, children).items():
        days = (as_of - referred).days
        if child not in found or days > found[child][1]:
            found[child] = (children[child], days)
    return found


def waiting(records: Records, as_of: date) -> dict | None:
    links = records.links
    if not links:
        return None
    children = children_on(records, as_of)
    earliest = waits(records, as_of, children)
    services: dict[str, dict[str, int]] = {}
    for (child, service), referred in sorted(earliest.items(), key=lambda i: i[0][1]):
        counts = services.setdefault(service, {"total": 0, EHC_PLAN: 0,
                                               OPEN_ASSESSMENT: 0, **dict.fromkeys(BANDS, 0)})
        counts["total"] += 1
        counts[children[child]] += 1
        counts[band((as_of - referred).days)] += 1
    waiting_children = {child for child, _ in earliest}
    return {"send_children": len(children),
            "ehc_plan": sum(v == EHC_PLAN for v in children.values()),
            "open_assessment": sum(v == OPEN_ASSESSMENT for v in children.values()),
            "linked": sum(c in links for c in children),
            "waiting": len(waiting_children), "services": services}


def ehc_advice(referrals: tuple[ReferralRow, ...], as_of: date) -> dict:
    within = later = pending = overdue = 0
    for r in referrals:
        asked, returned = r.ehc_advice_requested, r.ehc_advice_returned
        if asked is None or asked > as_of:
            continue
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


def _standard(referrals: tuple[ReferralRow, ...], as_of: date, service: str, end: str,
              days: int, standard: Decimal | None, weeks: int) -> dict:
    count = denominator = 0
    for r in referrals:
        ended = getattr(r, end)
        if r.service != service or ended is None or ended > as_of:
            continue
        denominator += 1
        count += (ended - r.referral_date).days <= days
    pc = percent(count, denominator)
    return {"service": service, "weeks": weeks, "days": days, "count": count,
            "denominator": denominator, "pc": pc, "standard_pc": standard,
            "meets_standard": None if pc is None or standard is None else pc >= standard}


def standards(referrals: tuple[ReferralRow, ...], as_of: date) -> dict:
    return {
        "wheelchair_within_18_weeks": _standard(referrals, as_of, WHEELCHAIR,
                                                "clock_stop_date", WHEELCHAIR_DAYS,
                                                WHEELCHAIR_STANDARD, 18),
        "autism_first_appointment_within_13_weeks": _standard(
            referrals, as_of, AUTISM, "first_contact_date", AUTISM_DAYS, None, 13)}


@dataclass(frozen=True)
class SendHealth:
    la: str
    as_of: date | None
    waiting: dict | None
    ehc_advice: dict | None
    standards: dict | None


def figures_on(records: Records, as_of: date | None = None) -> SendHealth:
    """Every SEND x health figure of ``records`` on ``as_of`` (by default the latest date
    in the referrals)."""
    as_of = as_of or latest(records.referrals)
    if as_of is None:
        return SendHealth(records.la, None, None, None, None)
    return SendHealth(records.la, as_of, waiting(records, as_of),
                      ehc_advice(records.referrals, as_of),
                      standards(records.referrals, as_of))


def send_health(la: str, as_of: date | None = None) -> SendHealth:
    return figures_on(read(la), as_of)
