"""§1.5 Annual reviews: decision notified within 4 weeks of the meeting (reg 20).

``reviews_held``: active plans with a ``ReviewMeeting`` in the period;
``d = LastReview - ReviewMeeting`` (``LastReview`` = decision notified); on time when
``0 <= d <= 28``. A review with no decision notified (yet) is not on time; neither is one
whose decision is dated before its meeting (an impossible order).

``reviews_overdue`` on ``R``: plans active on ``R`` whose last review meeting is more than
12 months before ``R`` (earlier than the same day a year before; 29 February counts back
to 28 February), or with no review and a start more than 12 months before ``R``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import polars as pl

from sendassure.kpis.caseload import active_on
from sendassure.kpis.exclusions import keep
from sendassure.kpis.percent import percent
from sendassure.kpis.pointintime import active_plans_known_on
from sendassure.kpis.results import Result, year_bounds

WITHIN_4_WEEKS = 28


@dataclass(frozen=True)
class AnnualReviews(Result):
    reviews_held: int
    reviews_within_4_weeks: int
    pc_reviews_within_4_weeks: Decimal | None


@dataclass(frozen=True)
class ReviewsOverdue(Result):
    ehcplans: int
    reviews_overdue: int


def population(plans: pl.DataFrame, start: date, end: date, as_of: date) -> pl.DataFrame:
    """Review meetings from ``start`` to ``end`` known on ``as_of``, flagged ``within``;
    ages are taken on the meeting date (``age_on``)."""
    known = keep(active_plans_known_on(plans, as_of), "annual_reviews")
    d = (pl.col("last_review") - pl.col("review_meeting")).dt.total_days()
    return known.filter(pl.col("review_meeting").is_between(start, end)).with_columns(
        d.is_between(0, WITHIN_4_WEEKS).fill_null(False).alias("within"),
        pl.col("review_meeting").alias("age_on"),
    )


def summarise(pop: pl.DataFrame) -> AnnualReviews:
    within = int(pop["within"].sum())
    return AnnualReviews(
        reviews_held=pop.height,
        reviews_within_4_weeks=within,
        pc_reviews_within_4_weeks=percent(within, pop.height),
    )


def annual_reviews_between(plans: pl.DataFrame, start: date, end: date,
                           as_of: date | None = None) -> AnnualReviews:
    return summarise(population(plans, start, end, as_of or end))


def annual_reviews(plans: pl.DataFrame, year: int, as_of: date | None = None) -> AnnualReviews:
    """§1.5 for review meetings in calendar year ``year`` as known on ``as_of``."""
    start, end = year_bounds(year)
    return annual_reviews_between(plans, start, end, as_of or end)


def twelve_months_before(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def overdue_population(plans: pl.DataFrame, on: date) -> pl.DataFrame:
    """Plans active on ``on``, flagged ``overdue``; ages are taken on ``on``."""
    cutoff = twelve_months_before(on)
    return keep(active_on(plans, on), "reviews_overdue").with_columns(
        pl.when(pl.col("review_meeting").is_not_null())
        .then(pl.col("review_meeting") < cutoff)
        .otherwise(pl.col("start_date") < cutoff).fill_null(False).alias("overdue"),
        pl.lit(on).alias("age_on"),
    )


def summarise_overdue(pop: pl.DataFrame) -> ReviewsOverdue:
    return ReviewsOverdue(ehcplans=pop.height, reviews_overdue=int(pop["overdue"].sum()))


def reviews_overdue(plans: pl.DataFrame, as_of: date) -> ReviewsOverdue:
    """Active plans on ``as_of`` whose annual review is overdue."""
    return summarise_overdue(overdue_population(plans, as_of))
