"""Mediation and tribunal appeals recorded on SEN2 requests, by the year received (the
local companion of the published SEND Tribunal appeal rate).

``redress_requests``: requests received in the period (``H`` excluded), as known on the
date; ``with_mediation``: of those, mediation recorded (``RequestMediation`` or
``AssessmentMediation`` = 1); ``with_tribunal``: an appeal to the tribunal recorded
(``RequestTribunal`` or ``AssessmentTribunal`` = 1); percentages of the requests.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import polars as pl

from sendassure.kpis.exclusions import usable_in
from sendassure.kpis.percent import percent
from sendassure.kpis.pointintime import requests_known_on
from sendassure.kpis.results import Result


@dataclass(frozen=True)
class Redress(Result):
    redress_requests: int
    with_mediation: int
    pc_with_mediation: Decimal | None
    with_tribunal: int
    pc_with_tribunal: Decimal | None


def population(requests: pl.DataFrame, start: date, end: date, as_of: date) -> pl.DataFrame:
    known = requests_known_on(requests, as_of)
    received = (pl.col("received_date").is_between(start, end)
                & (pl.col("request_outcome").fill_null("") != "H")
                & usable_in(known, "requests_received")).fill_null(False)
    return known.filter(received).with_columns(
        (pl.col("request_mediation").fill_null(False)
         | pl.col("assessment_mediation").fill_null(False)).alias("mediation"),
        (pl.col("request_tribunal").fill_null(False)
         | pl.col("assessment_tribunal").fill_null(False)).alias("tribunal"),
        pl.col("received_date").alias("age_on"),
    )


def summarise(pop: pl.DataFrame) -> Redress:
    n = pop.height
    mediation = int(pop["mediation"].sum()) if n else 0
    tribunal = int(pop["tribunal"].sum()) if n else 0
    return Redress(n, mediation, percent(mediation, n), tribunal, percent(tribunal, n))
