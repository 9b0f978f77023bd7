"""Where a plan's child is placed, and the plan's reviews and phase transfers.

All pure functions of a plan (its own seed) and a date, so every return tells the
same story without storing placement histories.

Stage from the age on 31 August (``academic_age``): under 4 early years, 4-10
primary, 11-15 secondary, 16-18 post-16, 19+ post-19. A plan's persistent
``setting_u`` picks mainstream / special / other against per-stage shares; the
primary and secondary mainstream shares are scaled so the area's share of rank-1
mainstream placements follows the profile's ``mainstream_total_pc``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from . import calibration as cal
from .establishments import Establishment, EstablishmentPool
from .model import Plan, academic_age

STAGES = ((0, "early_years"), (4, "primary"), (11, "secondary"), (16, "post16"), (19, "post19"))
STAGE_NUMBER = {name: i for i, (_, name) in enumerate(STAGES)}
# stage -> (mainstream share, special share); the rest is "other".
STAGE_SHARES = {
    "early_years": (0.40, 0.10),
    "primary": (0.55, 0.42),
    "secondary": (0.42, 0.50),
    "post16": (0.06, 0.34),
    "post19": (0.0, 0.08),
}
# Phase transfer: the stage entered -> (month, day) of the statutory deadline.
TRANSFER_DEADLINES = {"primary": (2, 15), "secondary": (2, 15), "post16": (3, 31)}


def stage_for(age: int) -> str:
    name = STAGES[0][1]
    for low, stage in STAGES:
        if age >= low:
            name = stage
    return name


def _stage_rng(plan: Plan, salt: int) -> random.Random:
    return random.Random(plan.seed * 1_000_003 + salt)


@dataclass(frozen=True, slots=True)
class Placement:
    category: str  # mainstream / special / other
    establishment: Establishment | None
    sen_setting: str | None
    rank: str
    entry: date
    sen_unit: str
    resourced: str
    res: str | None
    wbp: str | None


def _category(plan: Plan, stage: str, census_year: int, profile: cal.AreaProfile) -> str:
    mainstream, special = STAGE_SHARES[stage]
    if stage in ("primary", "secondary"):
        factor = profile.mainstream_share(census_year) / (cal.KENT_MAINSTREAM_2024 / 100.0)
        scaled = min(0.95, mainstream * factor)
        special = special * (1.0 - scaled) / (1.0 - mainstream) if mainstream < 1 else 0.0
        mainstream = scaled
    if plan.setting_u < mainstream:
        return "mainstream"
    if plan.setting_u < mainstream + special:
        return "special"
    return "other"


def _stage_entry(plan: Plan, birth: date, stage: str) -> date:
    low = dict((name, age) for age, name in STAGES)[stage]
    if low == 0:
        return plan.start
    year = birth.year + low + (1 if (birth.month, birth.day) > (8, 31) else 0)
    return max(plan.start, date(year, 9, 1))


def placements_on(
    plan: Plan,
    birth: date,
    day: date,
    census_year: int,
    profile: cal.AreaProfile,
    pool: EstablishmentPool,
) -> list[Placement]:
    """The plan's placements on ``day``: rank 1, and rank 2 for a dual placement."""
    stage = stage_for(academic_age(birth, day))
    rng = _stage_rng(plan, STAGE_NUMBER[stage])
    category = _category(plan, stage, census_year, profile)
    entry = _stage_entry(plan, birth, stage)
    establishment: Establishment | None = None
    setting: str | None = None
    sen_unit = resourced = "0"
    res = wbp = None
    draw = rng.random()
    if category == "mainstream":
        if stage == "early_years":
            establishment = pool.pick("nursery", rng)
        elif draw < 0.02:
            establishment = pool.pick("independent", rng)
        else:
            establishment = pool.pick("primary" if stage == "primary" else "secondary", rng)
            sen_unit = "1" if rng.random() < 0.14 else "0"
            resourced = "1" if sen_unit == "0" and rng.random() < 0.01 else "0"
    elif category == "special":
        establishment = pool.pick("special", rng)
        if (
            establishment.type_of_establishment
            in (
                "Other independent special school",
                "Non-maintained special school",
            )
            and plan.res_u < 0.25
        ):
            res = "B" if plan.res_u < 0.08 else "A"
    elif stage == "early_years":
        setting = "EYP"
    elif stage in ("primary", "secondary"):
        if draw < 0.12:
            establishment = pool.pick("ap", rng)
        else:
            setting = rng.choices(("EHE", "OLA", "OPA", "NIEO", "OTH"), (30, 32, 5, 18, 15))[0]
    else:
        if draw < 0.62:
            establishment = pool.pick("fe", rng)
        elif draw < 0.85:
            establishment = pool.pick("spi", rng)
        else:
            setting = rng.choices(("NEET", "NIEC", "NIEO", "OTH"), (70, 8, 12, 10))[0]
        if plan.wbp_u < 0.03:
            wbp = "S" if plan.wbp_u < 0.02 else "A"
    placements = [
        Placement(category, establishment, setting, "1", entry, sen_unit, resourced, res, wbp)
    ]
    if plan.dual_placement and stage in ("primary", "secondary"):
        if rng.random() < 0.5:
            placements.append(
                Placement("other", pool.pick("ap", rng), None, "2", entry, "0", "0", None, None)
            )
        else:
            placements.append(Placement("other", None, "OLA", "2", entry, "0", "0", None, None))
    return placements


@dataclass(frozen=True, slots=True)
class Review:
    meeting: date
    decision: date | None
    outcome: str | None
    draft: date | None


def latest_review(plan: Plan, cutoff: date) -> Review | None:
    """The latest annual review meeting on or before ``cutoff``, as known at ``cutoff``."""
    k = (cutoff - plan.start).days // 365 + 1
    while k >= 1:
        rng = _stage_rng(plan, 100 + k)
        meeting = plan.start + timedelta(days=365 * k + rng.randint(-25, 45))
        missed = rng.random() < cal.REVIEW_MEETING_MISSED
        if meeting <= cutoff and not missed:
            if rng.random() < cal.REVIEW_DECISION_WITHIN_4_WEEKS:
                decision = meeting + timedelta(days=rng.randint(1, 28))
            else:
                decision = meeting + timedelta(days=rng.randint(29, 140))
            outcome = rng.choices(("A", "M", "C"), (56, 41, 3))[0]
            draft = decision + timedelta(days=rng.randint(5, 56)) if outcome == "A" else None
            if decision > cutoff:
                return Review(meeting, None, None, None)
            return Review(meeting, decision, outcome, draft if draft and draft <= cutoff else None)
        k -= 1
    return None


def phase_transfer(
    plan: Plan, birth: date, year: int, cutoff: date
) -> tuple[date, date | None] | None:
    """(PhaseTransferDueDate, PhaseTransferFinalDate) for a transfer in September ``year``."""
    before = stage_for(academic_age(birth, date(year - 1, 9, 1)))
    after = stage_for(academic_age(birth, date(year, 9, 1)))
    if before == after or after not in TRANSFER_DEADLINES:
        return None
    month, day = TRANSFER_DEADLINES[after]
    due = date(year, month, day)
    if plan.start > due - timedelta(days=60):
        return None
    rng = _stage_rng(plan, 200 + year)
    if rng.random() < cal.PHASE_TRANSFER_ON_TIME:
        final = due - timedelta(days=rng.randint(0, 60))
    else:
        final = due + timedelta(days=rng.randint(1, 120))
    return due, (final if final <= cutoff else None)
