"""§1.2 Decisions whether to assess: 6 weeks (reg 5), for a calendar year or any period.

``requests_decided``: requests with ``RequestOutcome`` Y or N dated in the period;
``d = RequestOutcomeDate - ReceivedDate``, within 6 weeks when ``d <= 42``.
``requests_received``: requests with ``ReceivedDate`` in the period, ``H`` excluded.
A decision without a usable ``ReceivedDate`` (missing, or after the decision) is kept out
of the decided population, as DfE treats it as "not available" (the §1.1 rule).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import polars as pl

from sendassure.kpis.exclusions import usable_in
from sendassure.kpis.percent import percent
from sendassure.kpis.pointintime import requests_known_on
from sendassure.kpis.results import Result, year_bounds

WITHIN_6_WEEKS = 42


@dataclass(frozen=True)
class Decisions(Result):
    requests_received: int
    requests_decided: int
    decided_within_6_weeks: int
    pc_decided_within_6_weeks: Decimal | None
    requests_refused: int
    pc_requests_refused: Decimal | None


def population(requests: pl.DataFrame, start: date, end: date, as_of: date) -> pl.DataFrame:
    """Requests received or decided from ``start`` to ``end``, known on ``as_of``, flagged
    ``received``, ``decided``, ``within`` (decided within 6 weeks) and ``refused``;
    ``age_on`` (the date ages are taken on) is the request's ``ReceivedDate``."""
    known = requests_known_on(requests, as_of)
    received = (pl.col("received_date").is_between(start, end)
                & (pl.col("request_outcome").fill_null("") != "H")
                & usable_in(known, "requests_received"))
    decided = (pl.col("request_outcome").is_in(["Y", "N"])
               & pl.col("request_outcome_date").is_between(start, end)
               & pl.col("received_date").is_not_null()
               & (pl.col("received_date") <= pl.col("request_outcome_date"))
               & usable_in(known, "decisions")).fill_null(False)
    d = (pl.col("request_outcome_date") - pl.col("received_date")).dt.total_days()
    return known.with_columns(
        received.fill_null(False).alias("received"), decided.alias("decided"),
    ).filter(pl.col("received") | pl.col("decided")).with_columns(
        (pl.col("decided") & (d <= WITHIN_6_WEEKS).fill_null(False)).alias("within"),
        (pl.col("decided") & (pl.col("request_outcome") == "N")).alias("refused"),
        pl.col("received_date").alias("age_on"),
    )


def summarise(pop: pl.DataFrame) -> Decisions:
    decided = int(pop["decided"].sum())
    within = int(pop["within"].sum())
    refused = int(pop["refused"].sum())
    return Decisions(
        requests_received=int(pop["received"].sum()),
        requests_decided=decided,
        decided_within_6_weeks=within,
        pc_decided_within_6_weeks=percent(within, decided),
        requests_refused=refused,
        pc_requests_refused=percent(refused, decided),
    )


def decisions_between(requests: pl.DataFrame, start: date, end: date,
                      as_of: date | None = None) -> Decisions:
    return summarise(population(requests, start, end, as_of or end))


def decisions(requests: pl.DataFrame, year: int, as_of: date | None = None) -> Decisions:
    """§1.2 for calendar year ``year`` as known on ``as_of`` (default 31 December)."""
    start, end = year_bounds(year)
    return decisions_between(requests, start, end, as_of or end)
