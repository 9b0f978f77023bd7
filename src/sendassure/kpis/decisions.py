"""§1.2 Decisions whether to assess: 6 weeks (reg 5), calendar year.

``requests_decided``: requests with ``RequestOutcome`` Y or N dated in the year;
``d = RequestOutcomeDate - ReceivedDate``, within 6 weeks when ``d <= 42``.
``requests_received``: requests with ``ReceivedDate`` in the year, ``H`` excluded.
A decision without a usable ``ReceivedDate`` (missing, or after the decision) is kept out
of the decided population, as DfE treats it as "not available" (the §1.1 rule).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import polars as pl

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


def decisions(requests: pl.DataFrame, year: int, as_of: date | None = None) -> Decisions:
    """§1.2 for calendar year ``year`` as known on ``as_of`` (default 31 December)."""
    start, end = year_bounds(year)
    known = requests_known_on(requests, as_of or end)
    received = known.filter(
        pl.col("received_date").is_between(start, end)
        & (pl.col("request_outcome").fill_null("") != "H")
    ).height
    decided = known.filter(
        pl.col("request_outcome").is_in(["Y", "N"])
        & pl.col("request_outcome_date").is_between(start, end)
        & pl.col("received_date").is_not_null()
        & (pl.col("received_date") <= pl.col("request_outcome_date"))
    ).with_columns(
        (pl.col("request_outcome_date") - pl.col("received_date")).dt.total_days().alias("d")
    )
    within = decided.filter(pl.col("d") <= WITHIN_6_WEEKS).height
    refused = decided.filter(pl.col("request_outcome") == "N").height
    return Decisions(
        requests_received=received,
        requests_decided=decided.height,
        decided_within_6_weeks=within,
        pc_decided_within_6_weeks=percent(within, decided.height),
        requests_refused=refused,
        pc_requests_refused=percent(refused, decided.height),
    )
