"""The statutory measures for some areas, a year and an as-of date: the seven sections of
``kpis.md`` under the catalogue's names. The CLI, the dashboard and packs all read this."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import polars as pl

from sendassure.kpis.annual_reviews import AnnualReviews, annual_reviews
from sendassure.kpis.caseload import Caseload, caseload
from sendassure.kpis.decisions import Decisions, decisions
from sendassure.kpis.not_to_issue import NotToIssue, not_to_issue
from sendassure.kpis.open_assessments import OpenAssessments, open_assessments
from sendassure.kpis.phase_transfers import PhaseTransfers, phase_transfers
from sendassure.kpis.timeliness import Timeliness, timeliness

from . import frames


@dataclass(frozen=True)
class CaseFrames:
    requests: pl.DataFrame
    active_plans: pl.DataFrame


# section -> (result dataclass, function(frames, year, as_of) -> result), in kpis.md order:
# the one place that says which KPI function answers which section.
SECTIONS: dict[str, tuple[type, Callable[[CaseFrames, int, date], object]]] = {
    "timeliness": (Timeliness, lambda f, y, d: timeliness(f.requests, y, d)),
    "decisions": (Decisions, lambda f, y, d: decisions(f.requests, y, d)),
    "not_to_issue": (NotToIssue, lambda f, y, d: not_to_issue(f.requests, y, d)),
    "open_assessments": (OpenAssessments, lambda f, y, d: open_assessments(f.requests, d)),
    "annual_reviews": (AnnualReviews, lambda f, y, d: annual_reviews(f.active_plans, y, d)),
    "caseload": (Caseload, lambda f, y, d: caseload(f.active_plans, d)),
    "phase_transfers": (PhaseTransfers, lambda f, y, d: phase_transfers(f.active_plans, y, d)),
}


def section_values(data: CaseFrames, section: str, year: int, as_of: date) -> dict:
    """One section's output names and values for calendar ``year`` as known on ``as_of``."""
    return SECTIONS[section][1](data, year, as_of).as_dict()


def case_frames(areas: Sequence[str] | None) -> CaseFrames:
    areas = sorted(areas) if areas else None
    return CaseFrames(frames.requests_for(areas), frames.active_plans_for(areas))


def statutory_measures(data: CaseFrames, year: int, as_of: date | None = None) -> dict[str, dict]:
    """Every section for calendar year ``year``; ``as_of`` defaults to 31 December of it."""
    as_of = as_of or date(year, 12, 31)
    return {name: section_values(data, name, year, as_of) for name in SECTIONS}


def plain(value):
    """JSON-ready: Decimal -> number, date -> ISO text."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() and "." not in str(value) else float(value)
    if isinstance(value, date):
        return value.isoformat()
    return value
