"""§1.7 Phase transfers: amended plan by 15 February of the transfer year (reg 18),
31 March for a transfer from secondary school to post-16.

Population: plans with ``PhaseTransferDueDate`` in calendar year ``year``. The frame has
no phase field, so a transfer is taken as secondary to post-16 when the young person is
16 or over on 31 August of the transfer year (the end of year 11), from ``birth_month``.
On time: ``PhaseTransferFinalDate`` on or before the deadline (and known on ``as_of``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import polars as pl

from sendassure.kpis.percent import percent
from sendassure.kpis.pointintime import active_plans_known_on
from sendassure.kpis.results import Result, year_bounds


@dataclass(frozen=True)
class PhaseTransfers(Result):
    phase_transfers_due: int
    phase_transfers_on_time: int
    pc_phase_transfers_on_time: Decimal | None


def deadline(year: int, post_16: bool) -> date:
    return date(year, 3, 31) if post_16 else date(year, 2, 15)


def phase_transfers(plans: pl.DataFrame, year: int, as_of: date | None = None) -> PhaseTransfers:
    start, end = year_bounds(year)
    known = active_plans_known_on(plans, as_of or end)
    due = known.filter(pl.col("phase_transfer_due_date").is_between(start, end))
    # 16 or over on 31 August of the transfer year <=> born on or before 31 August (year-16)
    post_16 = pl.col("birth_month").is_not_null() & (pl.col("birth_month") <= date(year - 16, 8, 31))
    limit = pl.when(post_16).then(pl.lit(deadline(year, True))).otherwise(
        pl.lit(deadline(year, False))
    )
    on_time = due.filter(pl.col("phase_transfer_final_date") <= limit).height
    return PhaseTransfers(
        phase_transfers_due=due.height,
        phase_transfers_on_time=on_time,
        pc_phase_transfers_on_time=percent(on_time, due.height),
    )
