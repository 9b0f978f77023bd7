"""§1.1 Timeliness of new EHC plans (DfE), calendar year or any period of issue.

Population: assessments with ``AssessmentOutcome = Y`` whose ``AssessmentOutcomeDate``
falls in the period, whose request has a ``ReceivedDate`` on or before that date, and with
no mediation or tribunal recorded against the request or the assessment.
``d = AssessmentOutcomeDate - ReceivedDate``. The ``_ex``/``_exc`` names are the same
measures over the population less ``Week20 = 1`` (exceptions apply).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import polars as pl

from sendassure.kpis.exclusions import keep
from sendassure.kpis.percent import mean_weeks, percent
from sendassure.kpis.pointintime import requests_known_on
from sendassure.kpis.results import Result, year_bounds

WITHIN_20_WEEKS = 140  # d <= 140
WITHIN_52_WEEKS = 364  # 140 < d <= 364 is "20 to 52 weeks"; d > 364 "over 52 weeks"


@dataclass(frozen=True)
class Timeliness(Result):
    plans_issued_den: int
    plans_issued_within_20_weeks: int
    pc_plans_issued_within_20_weeks: Decimal | None
    plans_issued_gt20weeks_ltyear: int
    pc_plans_issued_gt20weeks_ltyear: Decimal | None
    plans_issued_gt_1_year: int
    pc_plans_issued_gt_1_year: Decimal | None
    avg_weeks_issue_plan: Decimal | None
    plans_issued_den_ex: int
    plans_issued_20_weeks_ex: int
    pc_plans_issued_20_weeks_ex: Decimal | None
    plans_issued_gt20weeks_ltyear_ex: int
    pc_plans_issued_gt20weeks_ltyear_ex: Decimal | None
    plans_issued_gt_1_year_ex: int
    pc_plans_issued_gt_1_year_ex: Decimal | None
    avg_weeks_issue_plan_exc: Decimal | None


def _counts(days: Sequence[int]) -> tuple[int, int, int, int, Decimal | None]:
    within = sum(1 for d in days if d <= WITHIN_20_WEEKS)
    middle = sum(1 for d in days if WITHIN_20_WEEKS < d <= WITHIN_52_WEEKS)
    over = sum(1 for d in days if d > WITHIN_52_WEEKS)
    return len(days), within, middle, over, mean_weeks(days)


def summarise_days(days: Sequence[int], week20: Sequence[bool]) -> Timeliness:
    """The §1.1 measures of a population given each case's ``d`` and ``Week20``."""
    den, within, middle, over, avg = _counts(list(days))
    den_x, within_x, middle_x, over_x, avg_x = _counts(
        [d for d, exception in zip(days, week20, strict=True) if not exception]
    )
    return Timeliness(
        plans_issued_den=den,
        plans_issued_within_20_weeks=within,
        pc_plans_issued_within_20_weeks=percent(within, den),
        plans_issued_gt20weeks_ltyear=middle,
        pc_plans_issued_gt20weeks_ltyear=percent(middle, den),
        plans_issued_gt_1_year=over,
        pc_plans_issued_gt_1_year=percent(over, den),
        avg_weeks_issue_plan=avg,
        plans_issued_den_ex=den_x,
        plans_issued_20_weeks_ex=within_x,
        pc_plans_issued_20_weeks_ex=percent(within_x, den_x),
        plans_issued_gt20weeks_ltyear_ex=middle_x,
        pc_plans_issued_gt20weeks_ltyear_ex=percent(middle_x, den_x),
        plans_issued_gt_1_year_ex=over_x,
        pc_plans_issued_gt_1_year_ex=percent(over_x, den_x),
        avg_weeks_issue_plan_exc=avg_x,
    )


def population(requests: pl.DataFrame, start: date, end: date, as_of: date) -> pl.DataFrame:
    """The §1.1 population for plans issued from ``start`` to ``end`` inclusive, known on
    ``as_of``, with ``d`` (days from request to issue) and ``age_on`` (``ReceivedDate``)."""
    known = keep(requests_known_on(requests, as_of), "timeliness")
    issued = pl.col("assessment_outcome_date")
    return known.filter(
        (pl.col("assessment_outcome") == "Y")
        & issued.is_between(start, end)
        & pl.col("received_date").is_not_null()
        & (pl.col("received_date") <= issued)
        & ~pl.col("request_mediation").fill_null(False)
        & ~pl.col("request_tribunal").fill_null(False)
        & ~pl.col("assessment_mediation").fill_null(False)
        & ~pl.col("assessment_tribunal").fill_null(False)
    ).with_columns(
        (issued - pl.col("received_date")).dt.total_days().alias("d"),
        pl.col("week20").fill_null(False),
        pl.col("received_date").alias("age_on"),
    )


def summarise(pop: pl.DataFrame) -> Timeliness:
    return summarise_days(pop["d"].to_list(), pop["week20"].to_list())


def timeliness_between(
    requests: pl.DataFrame, start: date, end: date, as_of: date | None = None
) -> Timeliness:
    """§1.1 for plans issued from ``start`` to ``end``; ``as_of`` defaults to ``end``."""
    return summarise(population(requests, start, end, as_of or end))


def timeliness(requests: pl.DataFrame, year: int, as_of: date | None = None) -> Timeliness:
    """§1.1 for calendar year ``year`` as known on ``as_of`` (default 31 December)."""
    start, end = year_bounds(year)
    return timeliness_between(requests, start, end, as_of or end)
