"""The statutory measures for some areas, a year and an as-of date: the seven sections of
``kpis.md`` under the catalogue's names. The CLI, the dashboard and packs all read this."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import polars as pl

from sendassure.kpis.annual_reviews import annual_reviews
from sendassure.kpis.caseload import caseload
from sendassure.kpis.decisions import decisions
from sendassure.kpis.not_to_issue import not_to_issue
from sendassure.kpis.open_assessments import open_assessments
from sendassure.kpis.phase_transfers import phase_transfers
from sendassure.kpis.timeliness import timeliness

from . import frames

SECTIONS = (
    "timeliness", "decisions", "not_to_issue", "open_assessments", "annual_reviews",
    "caseload", "phase_transfers",
)  # fmt: skip


@dataclass(frozen=True)
class CaseFrames:
    requests: pl.DataFrame
    active_plans: pl.DataFrame


def case_frames(areas: Sequence[str] | None) -> CaseFrames:
    areas = sorted(areas) if areas else None
    return CaseFrames(frames.requests_for(areas), frames.active_plans_for(areas))


def statutory_measures(data: CaseFrames, year: int, as_of: date | None = None) -> dict[str, dict]:
    """Every section for calendar year ``year``; ``as_of`` defaults to 31 December of it."""
    as_of = as_of or date(year, 12, 31)
    results = {
        "timeliness": timeliness(data.requests, year, as_of),
        "decisions": decisions(data.requests, year, as_of),
        "not_to_issue": not_to_issue(data.requests, year, as_of),
        "open_assessments": open_assessments(data.requests, as_of),
        "annual_reviews": annual_reviews(data.active_plans, year, as_of),
        "caseload": caseload(data.active_plans, as_of),
        "phase_transfers": phase_transfers(data.active_plans, year, as_of),
    }
    return {name: results[name].as_dict() for name in SECTIONS}


def plain(value):
    """JSON-ready: Decimal -> number, date -> ISO text."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() and "." not in str(value) else float(value)
    if isinstance(value, date):
        return value.isoformat()
    return value
