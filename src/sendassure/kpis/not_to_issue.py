"""§1.3 Decisions not to issue a plan: 16 weeks (reg 10), for a calendar year or any period.

Population: assessments with ``AssessmentOutcome = N`` dated in the period;
``d = AssessmentOutcomeDate - ReceivedDate``, within 16 weeks when ``d <= 112``.
Mediation and tribunal do not exclude (the catalogue names no exclusion here). A case
without a usable ``ReceivedDate`` (missing, or after the outcome) is left out, as in §1.1.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import polars as pl

from sendassure.kpis.exclusions import keep
from sendassure.kpis.percent import percent
from sendassure.kpis.pointintime import requests_known_on
from sendassure.kpis.results import Result, year_bounds

WITHIN_16_WEEKS = 112


@dataclass(frozen=True)
class NotToIssue(Result):
    not_to_issue: int
    not_to_issue_within_16_weeks: int
    pc_not_to_issue_within_16_weeks: Decimal | None


def population(requests: pl.DataFrame, start: date, end: date, as_of: date) -> pl.DataFrame:
    """Decisions not to issue dated from ``start`` to ``end`` known on ``as_of``, with ``d``."""
    known = keep(requests_known_on(requests, as_of), "not_to_issue")
    return known.filter(
        (pl.col("assessment_outcome") == "N")
        & pl.col("assessment_outcome_date").is_between(start, end)
        & pl.col("received_date").is_not_null()
        & (pl.col("received_date") <= pl.col("assessment_outcome_date"))
    ).with_columns(
        (pl.col("assessment_outcome_date") - pl.col("received_date")).dt.total_days().alias("d"),
        pl.col("received_date").alias("age_on"),
    )


def summarise(pop: pl.DataFrame) -> NotToIssue:
    within = int((pop["d"] <= WITHIN_16_WEEKS).sum())
    return NotToIssue(
        not_to_issue=pop.height,
        not_to_issue_within_16_weeks=within,
        pc_not_to_issue_within_16_weeks=percent(within, pop.height),
    )


def not_to_issue_between(requests: pl.DataFrame, start: date, end: date,
                         as_of: date | None = None) -> NotToIssue:
    return summarise(population(requests, start, end, as_of or end))


def not_to_issue(requests: pl.DataFrame, year: int, as_of: date | None = None) -> NotToIssue:
    """§1.3 for calendar year ``year`` as known on ``as_of`` (default 31 December)."""
    start, end = year_bounds(year)
    return not_to_issue_between(requests, start, end, as_of or end)
