"""§1.6 Caseload and placement at a census date ``R`` (``as_of``).

``ehcplans``: active plans on ``R`` (started on or before ``R``, not ceased on or before
``R``). ``mainstream_total_pc`` and ``special_total_pc`` are of all of them: a plan whose
rank-1 placement type is unknown stays in the denominator (as in DfE's caseload file).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import polars as pl

from sendassure.kpis.exclusions import keep, usable_in
from sendassure.kpis.percent import percent
from sendassure.kpis.pointintime import active_plans_known_on
from sendassure.kpis.results import Result

MAINSTREAM_TARGET = Decimal("80")  # Kent's plan: 80% of children with plans in mainstream


@dataclass(frozen=True)
class Caseload(Result):
    ehcplans: int
    mainstream_total: int
    mainstream_total_pc: Decimal | None
    special_total: int
    special_total_pc: Decimal | None


def active_on(plans: pl.DataFrame, as_of: date) -> pl.DataFrame:
    """Plans active on ``as_of`` as known then."""
    known = active_plans_known_on(plans, as_of)
    return known.filter(
        pl.col("start_date").is_not_null()
        & (pl.col("start_date") <= as_of)
        & (pl.col("cease_date").is_null() | (pl.col("cease_date") > as_of))
    )


def population(plans: pl.DataFrame, on: date) -> pl.DataFrame:
    """Plans active on ``on``; ages are taken on ``on`` (``age_on``)."""
    active = keep(active_on(plans, on), "caseload")
    placed = (pl.when(usable_in(active, "placements")).then(pl.col("establishment_type"))
              .otherwise(None))
    return active.with_columns(pl.lit(on).alias("age_on"), placed.alias("establishment_type"))


def summarise(pop: pl.DataFrame) -> Caseload:
    kind = pop["establishment_type"]
    mainstream = int((kind == "mainstream").sum())
    special = int((kind == "special").sum())
    return Caseload(
        ehcplans=pop.height,
        mainstream_total=mainstream,
        mainstream_total_pc=percent(mainstream, pop.height),
        special_total=special,
        special_total_pc=percent(special, pop.height),
    )


def caseload(plans: pl.DataFrame, as_of: date) -> Caseload:
    return summarise(population(plans, as_of))
