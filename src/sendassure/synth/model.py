"""The life of a synthetic area: children, requests, assessments, plans, ceasing.

:func:`simulate_area` produces every event once, for the generated years plus one
warm-up year before them (so that cases open at the start of the first year exist),
and a stock of plans already in place at the start of the warm-up year's end
(legacy plans). The SEN2 writer then reports each collection year as at its
census date, so the same child appears in several returns with the same
identifiers and the later return updates the earlier one.

Calibration (see :mod:`.calibration`):
- requests per year from the profile, spread over months by ``MONTH_WEIGHTS``;
- decision to assess ~64.5 % yes, plan issued for ~87.5 % of assessments;
- the share of plans issued within 20 weeks in each calendar year of issue is
  tuned to the profile by a few fixed-point passes over the timing draws
  (the pass only moves a per-year threshold; the random draws never change);
- active plans at each census follow the profile: the plans to cease each year are
  the surplus of (active at 1 January + issued + transfers in) over the target,
  with at least 3 % ceasing and every plan ceasing at the end of the academic
  year in which the young person turns 25; transfers in (``TransferLA``, outcome
  ``H``) fill any shortfall.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from . import calibration as cal
from .identity import make_name, make_postcode, make_uln, make_upn
from .la_table import la_codes

TIMELINESS_PASSES = 6


@dataclass(slots=True)
class Person:
    index: int
    sex: str
    birth: date
    ethnicity: str
    forename: str
    surname: str
    postcode: str
    upn: str | None
    uln: str | None
    upn_unknown: str | None
    requests: list[Request] = field(default_factory=list)
    historical_plan: Plan | None = None  # a plan that predates the generated years


@dataclass(slots=True)
class Plan:
    index: int
    person: int
    start: date
    seed: int
    setting_u: float
    needs: tuple[str, ...]
    pb: str
    oa: str
    dp: str | None
    dual_placement: bool
    wbp_u: float
    res_u: float
    transfer_la: str | None = None
    cease_date: date | None = None
    cease_reason: str | None = None

    def active_on(self, day: date) -> bool:
        return self.start <= day and (self.cease_date is None or self.cease_date > day)


@dataclass(slots=True)
class Assessment:
    outcome: str  # Y N W
    outcome_date: date | None = None
    mediation: str = "0"
    tribunal: str = "0"
    other_mediation: str = "0"
    other_tribunal: str = "0"
    week20: str = "0"
    # timing draws for a plan issued (fixed; the calibration only moves thresholds)
    u_time: float = 0.0
    d_on: int = 0
    d_late: int = 0


@dataclass(slots=True)
class Request:
    person: int
    received: date
    source: str
    rya: str
    outcome: str  # Y N W
    outcome_date: date
    mediation: str = "0"
    tribunal: str = "0"
    assessment: Assessment | None = None
    plan: Plan | None = None

    def final_date(self) -> date:
        """Date the case closed (decision not to assess, withdrawal, or assessment outcome)."""
        if self.outcome == "Y" and self.assessment is not None:
            assert self.assessment.outcome_date is not None
            return self.assessment.outcome_date
        return self.outcome_date


@dataclass(slots=True)
class Area:
    la_code: str
    la_name: str
    la_ordinal: int
    years: list[int]
    profile: cal.AreaProfile
    persons: list[Person]
    plans: list[Plan]
    ceased_by_year: dict[int, int]
    transfers_in_by_year: dict[int, int]


def _weighted(rng: random.Random, weights: dict) -> str:
    keys = list(weights)
    return rng.choices(keys, [weights[k] for k in keys])[0]


def _month_counts(n: int) -> list[int]:
    """Split n requests over months by ``MONTH_WEIGHTS`` (largest remainder)."""
    total = sum(cal.MONTH_WEIGHTS)
    raw = [n * w / total for w in cal.MONTH_WEIGHTS]
    counts = [int(x) for x in raw]
    order = sorted(range(12), key=lambda m: (-(raw[m] - counts[m]), m))
    for m in order[: n - sum(counts)]:
        counts[m] += 1
    return counts


def _days_in_month(year: int, month: int) -> int:
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    return (nxt - date(year, month, 1)).days


def academic_age(birth: date, on: date) -> int:
    """Age on 31 August before ``on`` (the age that decides the school year)."""
    year = on.year if (on.month, on.day) >= (9, 1) else on.year - 1
    aug31 = date(year, 8, 31)
    return aug31.year - birth.year - ((aug31.month, aug31.day) < (birth.month, birth.day))


class _Builder:
    def __init__(self, la_code: str, profile: cal.AreaProfile, years: list[int], seed: int):
        self.la_code = la_code
        self.profile = profile
        self.years = years
        self.rng = random.Random(seed)
        codes = la_codes()
        self.la_ordinal = codes.index(la_code) if la_code in codes else 0
        self.other_las = [c for c in codes if c != la_code]
        self.persons: list[Person] = []
        self.requests: list[Request] = []
        self.plans: list[Plan] = []
        self.refused: list[int] = []

    # -- people ---------------------------------------------------------
    def new_person(self, birth: date, first_seen: date) -> Person:
        rng = self.rng
        index = len(self.persons)
        sex = "M" if rng.random() < cal.MALE_SHARE else "F"
        forename, surname = make_name(rng, sex)
        age = academic_age(birth, first_seen)
        upn: str | None = make_upn(self.la_code, index, birth.year + 5)
        upn_unknown = None
        if age < 5 and rng.random() < 0.4:
            upn, upn_unknown = None, "UN1"
        elif rng.random() < 0.01:
            upn, upn_unknown = None, ("UN2" if age < 16 else "UN9")
        uln = make_uln(self.la_ordinal, index) if age >= 15 and rng.random() < 0.7 else None
        person = Person(
            index=index,
            sex=sex,
            birth=birth,
            ethnicity=_weighted(rng, cal.ETHNICITY_WEIGHTS),
            forename=forename,
            surname=surname,
            postcode=make_postcode(rng),
            upn=upn,
            uln=uln,
            upn_unknown=upn_unknown,
        )
        self.persons.append(person)
        return person

    def birth_for_age(self, age: int, on: date) -> date:
        return on - timedelta(days=365 * age + self.rng.randrange(365))

    # -- plans ----------------------------------------------------------
    def new_plan(self, person: Person, start: date) -> Plan:
        rng = self.rng
        first = _weighted(rng, cal.SEN_TYPE_WEIGHTS)
        needs: tuple[str, ...] = (first,)
        if rng.random() < 0.5:
            second = first
            while second == first:
                second = _weighted(rng, cal.SEN_TYPE_WEIGHTS)
            needs = (first, second)
        pb = "1" if rng.random() < 0.06 else "0"
        plan = Plan(
            index=len(self.plans),
            person=person.index,
            start=start,
            seed=rng.getrandbits(48),
            setting_u=rng.random(),
            needs=needs,
            pb=pb,
            oa="1" if rng.random() < 0.01 else "0",
            dp=_weighted(rng, {"E": 3, "S": 3, "H": 1, "I": 2}) if pb == "1" else None,
            dual_placement=rng.random() < 0.03,
            wbp_u=rng.random(),
            res_u=rng.random(),
        )
        self.plans.append(plan)
        return plan

    # -- requests -------------------------------------------------------
    def make_requests(self, year: int) -> None:
        rng = self.rng
        n = max(0, round(self.profile.requests(year)))
        for month, count in enumerate(_month_counts(n), start=1):
            days = _days_in_month(year, month)
            for _ in range(count):
                received = date(year, month, 1 + rng.randrange(days))
                self.requests.append(self.make_request(received))

    def make_request(self, received: date) -> Request:
        rng = self.rng
        person = None
        if self.refused and rng.random() < 0.06:
            candidate = self.persons[self.refused.pop(rng.randrange(len(self.refused)))]
            last = candidate.requests[-1]
            if last.outcome_date + timedelta(days=120) < received and (
                academic_age(candidate.birth, received) <= 22
            ):
                person = candidate
        if person is None:
            age = int(_weighted(rng, cal.REQUEST_AGE_WEIGHTS))
            person = self.new_person(self.birth_for_age(age, received), received)
        age = academic_age(person.birth, received)
        source = _weighted(rng, cal.REQUEST_SOURCE_WEIGHTS)
        rya = "1" if age >= 16 and source == "1" and rng.random() < 0.5 else "0"
        if rng.random() < cal.DECIDED_WITHIN_6_WEEKS:
            d_dec = rng.randint(10, 42)
        else:
            d_dec = rng.randint(43, 110)
        outcome = _weighted(rng, cal.REQUEST_OUTCOME_WEIGHTS)
        if outcome == "W":
            d_dec = rng.randint(7, 60)
        request = Request(
            person=person.index,
            received=received,
            source=source,
            rya=rya,
            outcome=outcome,
            outcome_date=received + timedelta(days=d_dec),
        )
        if outcome == "N":
            request.mediation = "1" if rng.random() < 0.02 else "0"
            request.tribunal = "1" if rng.random() < 0.07 else "0"
            self.refused.append(person.index)
        elif outcome == "Y":
            request.assessment = self.make_assessment(received, d_dec)
        person.requests.append(request)
        return request

    def make_assessment(self, received: date, d_dec: int) -> Assessment:
        rng = self.rng
        outcome = _weighted(rng, cal.ASSESSMENT_OUTCOME_WEIGHTS)
        a = Assessment(outcome=outcome)
        if outcome == "N":
            if rng.random() < cal.NOT_TO_ISSUE_WITHIN_16_WEEKS:
                d = rng.randint(min(max(d_dec + 21, 60), 112), 112)
            else:
                d = rng.randint(113, 200)
            a.outcome_date = received + timedelta(days=d)
            a.mediation = "1" if rng.random() < 0.03 else "0"
            a.tribunal = "1" if rng.random() < 0.10 else "0"
        elif outcome == "W":
            a.outcome_date = received + timedelta(days=rng.randint(d_dec + 14, d_dec + 150))
        else:
            a.u_time = rng.random()
            a.d_on = min(140, max(d_dec + 28, round(rng.triangular(84, 141, 134))))
            if rng.random() < cal.LATE_OVER_ONE_YEAR:
                a.d_late = rng.randint(365, 560)
            else:
                a.d_late = round(rng.triangular(141, 364, 170))
            a.mediation = "1" if rng.random() < 0.01 else "0"
            a.tribunal = "1" if rng.random() < 0.015 else "0"
            a.other_mediation = "1" if rng.random() < 0.01 else "0"
            a.other_tribunal = "1" if rng.random() < 0.03 else "0"
            a.week20 = "1" if rng.random() < cal.WEEK20_EXCEPTION_LATE else "0"
        return a

    def calibrate_timeliness(self) -> None:
        """Choose on-time/late per plan so each issue year meets its target share."""
        issued = [r for r in self.requests if r.assessment and r.assessment.outcome == "Y"]
        threshold: dict[int, float] = {}
        for _ in range(TIMELINESS_PASSES):
            on_time: dict[int, int] = {}
            base: dict[int, int] = {}
            for r in issued:
                a = r.assessment
                assert a is not None
                on_day = r.received + timedelta(days=a.d_on)
                year = on_day.year
                p = threshold.setdefault(year, self.profile.pc_within_20_weeks(year))
                is_on = a.u_time < p
                issue_day = on_day if is_on else r.received + timedelta(days=a.d_late)
                a.outcome_date = issue_day
                if "1" in (r.mediation, r.tribunal, a.mediation, a.tribunal):
                    continue
                base[issue_day.year] = base.get(issue_day.year, 0) + 1
                on_time[issue_day.year] = on_time.get(issue_day.year, 0) + is_on
            for year in list(threshold):
                if base.get(year):
                    gap = self.profile.pc_within_20_weeks(year) - on_time[year] / base[year]
                    threshold[year] = min(0.995, max(0.005, threshold[year] + gap))
        for r in issued:
            a = r.assessment
            assert a is not None and a.outcome_date is not None
            if (a.outcome_date - r.received).days <= 140:
                a.week20 = "1" if a.u_time * 997 % 1 < cal.WEEK20_EXCEPTION_ON_TIME else "0"
            r.plan = self.new_plan(self.persons[r.person], a.outcome_date)

    # -- stock and flows of plans ----------------------------------------
    def legacy_plans(self, first_year: int) -> None:
        rng = self.rng
        jan1 = date(first_year, 1, 1)
        already = sum(1 for p in self.plans if p.start < jan1)
        n = max(0, round(self.profile.active_plans(first_year - 1)) - already)
        for _ in range(n):
            age = int(_weighted(rng, cal.LEGACY_AGE_WEIGHTS))
            birth = self.birth_for_age(age, jan1)
            years_held = rng.uniform(0.05, max(0.1, min(age - 2.0, 9.0)))
            start = jan1 - timedelta(days=max(1, round(years_held * 365)))
            person = self.new_person(birth, start)
            person.historical_plan = self.new_plan(person, start)

    def transfer_in(self, year: int) -> Plan:
        rng = self.rng
        start = date(year, 1, 20) + timedelta(days=rng.randrange(340))
        age = int(_weighted(rng, cal.LEGACY_AGE_WEIGHTS))
        person = self.new_person(self.birth_for_age(age, start), start)
        plan = self.new_plan(person, start)
        plan.transfer_la = rng.choice(self.other_las) if self.other_las else "XXX"
        person.historical_plan = plan
        return plan

    def cease_plans(self) -> tuple[dict[int, int], dict[int, int]]:
        rng = self.rng
        ceased_by_year: dict[int, int] = {}
        transfers_by_year: dict[int, int] = {}
        first = self.years[0]
        active = [p for p in self.plans if p.start < date(first, 1, 1)]
        for year in self.years:
            jan1, dec31 = date(year, 1, 1), date(year, 12, 31)
            issued = [p for p in self.plans if jan1 <= p.start <= dec31 and p.transfer_la is None]
            births = {p.index: self.persons[p.person].birth for p in active}
            forced = [p for p in active if academic_age(births[p.index], date(year, 7, 31)) >= 25]
            base_transfers = round(0.015 * len(active))
            need = (
                len(active) + len(issued) + base_transfers - round(self.profile.active_plans(year))
            )
            minimum = max(len(forced), round(0.03 * len(active)))
            n_cease, n_transfers = need, base_transfers
            if need < minimum:
                n_cease, n_transfers = minimum, base_transfers + minimum - need
            n_cease = min(n_cease, len(active))
            transfers = [self.transfer_in(year) for _ in range(n_transfers)]
            forced_ids = {p.index for p in forced}
            keyed = []
            for p in active:
                if p.index in forced_ids:
                    continue
                age = academic_age(births[p.index], jan1)
                weight = 1.0 if age < 16 else (5.0 if age < 19 else 9.0)
                keyed.append((rng.random() ** (1.0 / weight), p.index, p))
            keyed.sort(key=lambda t: (-t[0], t[1]))
            chosen = forced + [t[2] for t in keyed[: max(0, n_cease - len(forced))]]
            for p in chosen:
                age = academic_age(births[p.index], jan1)
                if p.index in forced_ids:
                    p.cease_date = date(year, 7, 31) - timedelta(days=rng.randrange(60))
                    p.cease_reason = "1"
                else:
                    earliest = max(date(year, 1, 20), p.start + timedelta(days=30))
                    span = (dec31 - earliest).days
                    if span < 0:
                        continue
                    p.cease_date = earliest + timedelta(days=rng.randrange(span + 1))
                    reasons = (
                        {k: cal.CEASE_REASON_WEIGHTS[k] for k in cal.CEASE_REASONS_UNDER_16}
                        if age < 16
                        else cal.CEASE_REASON_WEIGHTS
                    )
                    p.cease_reason = _weighted(rng, reasons)
            ceased = {p.index for p in chosen if p.cease_date is not None}
            ceased_by_year[year] = len(ceased)
            transfers_by_year[year] = len(transfers)
            active = [p for p in active if p.index not in ceased] + issued + transfers
        return ceased_by_year, transfers_by_year


def simulate_area(
    la_code: str, la_name: str, profile: cal.AreaProfile, years: list[int], seed: int
) -> Area:
    """Every person, request and plan of one synthetic area (deterministic in ``seed``)."""
    years = sorted(set(years))
    if not years:
        raise ValueError("no years to generate")
    b = _Builder(la_code, profile, years, seed)
    for year in [years[0] - 1, *years]:
        b.make_requests(year)
    b.calibrate_timeliness()
    b.legacy_plans(years[0])
    ceased, transfers = b.cease_plans()
    return Area(
        la_code=la_code,
        la_name=la_name,
        la_ordinal=b.la_ordinal,
        years=years,
        profile=profile,
        persons=b.persons,
        plans=b.plans,
        ceased_by_year=ceased,
        transfers_in_by_year=transfers,
    )
