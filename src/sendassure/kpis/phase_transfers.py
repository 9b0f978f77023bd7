"""§1.7 Phase transfers: amended plan by 15 February of the transfer year (reg 18),
31 March for a transfer from secondary school to post-16.

Population: plans with ``PhaseTransferDueDate`` in the period (the transfer year is the
due date's calendar year). The frame has no phase field, so a transfer is taken as
secondary to post-16 when the young person is 16 or over on 31 August of the transfer
year (the end of year 11), from ``birth_month``. On time: ``PhaseTransferFinalDate`` on or
before the deadline (and known on ``as_of``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import polars as pl

from sendassure.kpis.exclusions import keep
from sendassure.kpis.percent import percent
from sendassure.kpis.pointintime import active_plans_known_on
from sendassure.kpis.results import Result, year_bounds


@dataclass(frozen=True)
class PhaseTransfers(Result):
    phase_transfers_due: int
    phase_transfers_on_time: int
    pc_phase_transfers_on_time: Decimal | None


def population(plans: pl.DataFrame, start: date, end: date, as_of: date) -> pl.DataFrame:
    """Transfers due from ``start`` to ``end`` known on ``as_of``, flagged ``on_time``;
    ages are taken on the due date (``age_on``)."""
    known = keep(active_plans_known_on(plans, as_of), "phase_transfers")
    due = known.filter(pl.col("phase_transfer_due_date").is_between(start, end))
    year = pl.col("phase_transfer_due_date").dt.year()
    # 16 or over on 31 August of the transfer year <=> born on or before 31 August (year-16)
    cutoff = pl.date(year - 16, 8, 31)
    post_16 = pl.col("birth_month").is_not_null() & (pl.col("birth_month") <= cutoff)
    limit = pl.when(post_16).then(pl.date(year, 3, 31)).otherwise(pl.date(year, 2, 15))
    return due.with_columns(
        (pl.col("phase_transfer_final_date") <= limit).fill_null(False).alias("on_time"),
        pl.col("phase_transfer_due_date").alias("age_on"),
    )


def summarise(pop: pl.DataFrame) -> PhaseTransfers:
    on_time = int(pop["on_time"].sum())
    return PhaseTransfers(
        phase_transfers_due=pop.height,
        phase_transfers_on_time=on_time,
        pc_phase_transfers_on_time=percent(on_time, pop.height),
    )


def phase_transfers_between(plans: pl.DataFrame, start: date, end: date,
                            as_of: date | None = None) -> PhaseTransfers:
    return summarise(population(plans, start, end, as_of or end))


def phase_transfers(plans: pl.DataFrame, year: int, as_of: date | None = None) -> PhaseTransfers:
    start, end = year_bounds(year)
    return phase_transfers_between(plans, start, end, as_of or end)
