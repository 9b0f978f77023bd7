"""§1.4 Open assessments and the backlog, as at a date ``R`` (``as_of``).

Open on ``R``: received on or before ``R``, not historical (``H``), not withdrawn on or
before ``R``, with no final outcome dated on or before ``R`` (a request decision ``N``, or
an assessment outcome ``Y``/``N``/``W``). An assessment outcome ``Y`` with no date is a
plan agreed but not yet issued (SEN2 leaves the date blank until issue), so the case is still open. ``age = R -
ReceivedDate``. Outcomes dated after ``R`` are unknown on ``R`` (see ``pointintime``).
A request with no ``ReceivedDate`` has no age and is not counted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import polars as pl

from sendassure.kpis.breakdowns import age_at, age_group
from sendassure.kpis.exclusions import keep
from sendassure.kpis.pointintime import requests_known_on
from sendassure.kpis.results import Result

OVER_20_WEEKS = 140
OVER_30_WEEKS = 210
OVER_52_WEEKS = 364
BREACH_WITHIN_4_WEEKS = 112  # 112 < age <= 140
DECISION_6_WEEKS = 42  # reg 5: decide whether to assess within 6 weeks of the request

AWAITING_DECISION = "awaiting decision"
ASSESSING = "assessing"
PLAN_NOT_YET_ISSUED = "plan not yet issued"

BANDS = (
    ("up to 20 weeks", 0, OVER_20_WEEKS),
    ("over 20 to 30 weeks", OVER_20_WEEKS + 1, OVER_30_WEEKS),
    ("over 30 to 52 weeks", OVER_30_WEEKS + 1, OVER_52_WEEKS),
    ("over 52 weeks", OVER_52_WEEKS + 1, None),
)


@dataclass(frozen=True)
class OpenAssessments(Result):
    open_total: int
    open_over_20_weeks: int
    open_over_30_weeks: int
    open_over_52_weeks: int
    due_to_breach_4_weeks: int


def open_cases(requests: pl.DataFrame, as_of: date) -> pl.DataFrame:
    """Requests open on ``as_of`` with ``age_days`` and ``stage`` added."""
    known = requests_known_on(requests, as_of)
    request = pl.col("request_outcome").fill_null("A")
    assessment = pl.col("assessment_outcome").fill_null("A")
    issued_or_refused = assessment.is_in(["N", "W", "H"]) | (
        (assessment == "Y") & pl.col("assessment_outcome_date").is_not_null()
    )
    frame = known.filter(
        pl.col("received_date").is_not_null()
        & ~request.is_in(["H", "N", "W"])
        & ~issued_or_refused
    )
    return frame.with_columns(
        (pl.lit(as_of) - pl.col("received_date")).dt.total_days().alias("age_days"),
        pl.when(request != "Y").then(pl.lit(AWAITING_DECISION))
        .when(assessment == "Y").then(pl.lit(PLAN_NOT_YET_ISSUED))
        .otherwise(pl.lit(ASSESSING)).alias("stage"),
    )


def population(requests: pl.DataFrame, on: date) -> pl.DataFrame:
    """Cases open on ``on``; a child's age is taken on the request's ``ReceivedDate``.
    (The caseworkers' worklist is ``open_cases``: it keeps a case whose record has a
    problem, so that it can be put right.)"""
    return keep(open_cases(requests, on), "open_assessments").with_columns(pl.col("received_date").alias("age_on"))


def summarise(pop: pl.DataFrame) -> OpenAssessments:
    age = pop["age_days"]
    return OpenAssessments(
        open_total=age.len(),
        open_over_20_weeks=int((age > OVER_20_WEEKS).sum()),
        open_over_30_weeks=int((age > OVER_30_WEEKS).sum()),
        open_over_52_weeks=int((age > OVER_52_WEEKS).sum()),
        due_to_breach_4_weeks=int(age.is_between(BREACH_WITHIN_4_WEEKS + 1, OVER_20_WEEKS).sum()),
    )


def open_assessments(requests: pl.DataFrame, as_of: date) -> OpenAssessments:
    """§1.4 counts on ``as_of``."""
    return summarise(population(requests, as_of))


def backlog_bands(requests: pl.DataFrame, as_of: date) -> pl.DataFrame:
    """Open cases on ``as_of`` by age band (``band``, ``open_cases``), youngest band first."""
    age = open_cases(requests, as_of)["age_days"]
    rows = []
    for label, low, high in BANDS:
        inside = age >= low if high is None else age.is_between(low, high)
        rows.append({"band": label, "open_cases": int(inside.sum())})
    return pl.DataFrame(rows, schema={"band": pl.String(), "open_cases": pl.Int64()})


def worklist(requests: pl.DataFrame, as_of: date) -> pl.DataFrame:
    """One row per open case on ``as_of``, oldest first (child-level: restricted roles only).

    ``age_weeks`` is completed weeks (``age_days // 7``); ``days_left_to_20_weeks`` is
    ``140 - age_days`` (negative once the 20 weeks have passed). While a case awaits the
    decision whether to assess, ``days_left_to_6_weeks`` is ``42 - age_days`` and
    ``decision_overdue`` is ``age_days > 42`` (reg 5); once decided both are empty/false.
    ``age_group`` is the child's age on ``as_of`` in the breakdowns' bands.
    """
    age = pl.col("age_days")
    undecided = pl.col("stage") == AWAITING_DECISION
    return (
        open_cases(requests, as_of)
        .with_columns(
            (age // 7).alias("age_weeks"),
            age_group(age_at(pl.col("birth_month"), pl.lit(as_of))).alias("age_group"),
            pl.when(undecided).then(DECISION_6_WEEKS - age).otherwise(None)
            .alias("days_left_to_6_weeks"),
            (undecided & (age > DECISION_6_WEEKS)).alias("decision_overdue"),
            (OVER_20_WEEKS - age).alias("days_left_to_20_weeks"),
            (age > OVER_20_WEEKS).alias("over_20"),
            (age > OVER_30_WEEKS).alias("over_30"),
            (age > OVER_52_WEEKS).alias("over_52"),
            age.is_between(BREACH_WITHIN_4_WEEKS + 1, OVER_20_WEEKS).alias("due_to_breach_4_weeks"),
        )
        .sort(["received_date", "la", "request_id"])
        .select(
            "la", "request_id", "person_id", "received_date", "stage", "age_days", "age_weeks",
            "days_left_to_6_weeks", "decision_overdue",
            "days_left_to_20_weeks", "over_20", "over_30", "over_52", "due_to_breach_4_weeks",
            "request_outcome", "assessment_outcome", "week20", "locality", "age_group",
        )
    )
