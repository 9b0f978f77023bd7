"""One explainable priority for open referrals across providers (issue 12 item 5).

A referral's score is the sum of four parts, each shown with what it was worked from:

- **wait**: completed weeks from the referral date to ``as_of`` (the latest referral date
  loaded for the area, never today's date, so a rerun later says the same), times the
  ``wait`` weight (points per week);
- **urgency**: the ``urgency`` weight when the provider marked the referral urgent, else 0;
- **ehc**: the ``ehc`` weight when the child has an EHC plan or an open EHC needs
  assessment. When the area's identifiers file is held (item 6) the referral is joined
  to the SEN2 child through the hashes and that is what counts (``send_status``, as on
  ``as_of``); without one, the signal used is the extract's own
  ``ehc_advice_requested`` date (health advice was asked for an EHC needs assessment);
- **transition**: the ``transition`` weight when the child turns 5, 11, 16 or 18 within
  ``transition_months`` months of ``as_of`` (by birth month: months are counted from the
  birth month to ``as_of``'s month, the birthday month itself counting as 0 months away).

Pure and deterministic: ties are broken by the earlier referral date, then provider,
file and row (docs/adr/0019-explainable-priority.md)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

TRANSITION_AGES = (5, 11, 16, 18)


@dataclass(frozen=True)
class Weights:
    wait: float = 1.0          # points per completed week waited
    urgency: float = 20.0      # an urgent referral
    ehc: float = 15.0          # EHC advice requested (EHC plan or open assessment)
    transition: float = 10.0   # turning 5, 11, 16 or 18 soon
    transition_months: int = 6  # how soon counts as "soon"

    def as_dict(self) -> dict:
        return {"wait": self.wait, "urgency": self.urgency, "ehc": self.ehc,
                "transition": self.transition, "transition_months": self.transition_months}


@dataclass(frozen=True)
class Open:
    """An open referral as the score sees it (no NHS number; its hash is not needed)."""

    provider_code: str
    file_name: str
    row: int
    service: str
    birth_month: date
    referral_date: date
    priority: str
    ehc_advice_requested: date | None = None
    # from the identifiers join: "ehc_plan", "open_assessment" or "" (neither); None when
    # the area has no identifiers file, and ``ehc_advice_requested`` stands in
    send_status: str | None = None


@dataclass(frozen=True)
class Part:
    name: str
    points: float
    basis: str


@dataclass(frozen=True)
class Score:
    referral: Open
    total: float
    parts: tuple[Part, ...]

    def part(self, name: str) -> Part:
        return next(p for p in self.parts if p.name == name)


def _months(day: date) -> int:
    return day.year * 12 + day.month - 1


def next_transition(birth_month: date, as_of: date, within: int) -> tuple[int, int] | None:
    """(age, months away) of the first transition age reached within ``within`` months
    of ``as_of`` (0 = in ``as_of``'s month), else None."""
    for age in TRANSITION_AGES:
        away = _months(birth_month) + 12 * age - _months(as_of)
        if 0 <= away <= within:
            return age, away
    return None


def score(referral: Open, as_of: date, weights: Weights) -> Score:
    weeks = max((as_of - referral.referral_date).days // 7, 0)
    urgent = referral.priority == "urgent"
    if referral.send_status is not None:
        ehc = bool(referral.send_status)
        ehc_basis = {"ehc_plan": "EHC plan (identifiers file)",
                     "open_assessment": "open EHC needs assessment (identifiers file)"
                     }.get(referral.send_status,
                           "no EHC plan or open assessment (identifiers file)")
    else:
        ehc = referral.ehc_advice_requested is not None
        ehc_basis = (f"EHC advice requested {referral.ehc_advice_requested.isoformat()}"
                     if ehc else "no EHC advice requested")
    soon = next_transition(referral.birth_month, as_of, weights.transition_months)
    parts = (
        Part("wait", round(weeks * weights.wait, 2),
             f"{weeks} week(s) since {referral.referral_date.isoformat()}"),
        Part("urgency", weights.urgency if urgent else 0.0,
             "urgent" if urgent else "routine"),
        Part("ehc", weights.ehc if ehc else 0.0, ehc_basis),
        Part("transition", weights.transition if soon else 0.0,
             f"turns {soon[0]} in {soon[1]} month(s)" if soon
             else f"no transition age within {weights.transition_months} month(s)"),
    )
    return Score(referral, round(sum(p.points for p in parts), 2), parts)


def rank(referrals: list[Open], weights: Weights,
         as_of: date | None = None) -> tuple[date | None, list[Score]]:
    """(the date waits are measured to, the scores highest first). ``as_of`` defaults to
    the latest referral date among ``referrals`` (pass the area's when listing a subset)."""
    if as_of is None:
        as_of = max((r.referral_date for r in referrals), default=None)
    if as_of is None:
        return None, []
    scores = [score(r, as_of, weights) for r in referrals]
    scores.sort(key=lambda s: (-s.total, s.referral.referral_date, s.referral.provider_code,
                               s.referral.file_name, s.referral.row))
    return as_of, scores
