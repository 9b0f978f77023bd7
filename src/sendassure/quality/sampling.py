"""Samples of active EHC plans to audit, and how representative a set of plans is.

The caseload is the plans active on the date the area's data ends (the latest return's
reference date: never today's date), from the case records, each with its dimensions:
- ``primary_need``: the rank-1 SEN type (``Unknown`` when none);
- ``phase``: from age on that date: Early years (under 5), Primary (5 to 10),
  Secondary (11 to 15), Post-16 (16 to 19), Post-19 (20 to 25), Unknown;
- ``setting``: the rank-1 placement's type (mainstream, special, ...; Unknown);
- ``locality``: the postcode district.
A sample is stratified on the chosen dimensions with proportional allocation (left-over
places by systematic selection, so many small strata do not bias it) and a seeded
random choice (``kpis.sampling``); representativeness is a chi-square goodness of fit of
the plans' mix against the caseload's, per dimension, with the largest gap in percentage
points (``kpis.representativeness``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import polars as pl
from django.db.models import Max

from sendassure.casework.frames import active_plans_for
from sendassure.casework.models import Request
from sendassure.kpis import caseload
from sendassure.kpis.breakdowns import UNKNOWN, age_at
from sendassure.kpis.representativeness import GoodnessOfFit, chi_square_gof
from sendassure.kpis.sampling import sample_size, stratified_sample

DIMENSIONS = ("primary_need", "phase", "setting", "locality")
PHASES = (("Early years", 0, 4), ("Primary", 5, 10), ("Secondary", 11, 15),
          ("Post-16", 16, 19), ("Post-19", 20, 25))


class SampleError(ValueError):
    pass


def data_end(la: str) -> date | None:
    """The date the area's case data ends: its latest return's reference date."""
    return Request.objects.filter(la=la).aggregate(end=Max("reference_date"))["end"]


def phase_of(age: int | None) -> str:
    if age is None:
        return UNKNOWN
    return next((name for name, low, high in PHASES if low <= age <= high), UNKNOWN)


def active_caseload(la: str, on: date | None = None) -> tuple[date | None, list[dict]]:
    """(the date, one record per active plan: ``id`` (the person), the dimensions and
    the plan's ``start_date``)."""
    on = on or data_end(la)
    if on is None:
        return None, []
    plans = caseload.population(active_plans_for([la]), on)
    if plans.is_empty():
        return on, []
    plans = plans.with_columns(age_at(pl.col("birth_month"), pl.lit(on)).alias("age"))
    out = {}
    for r in plans.iter_rows(named=True):
        out[r["person_id"]] = {
            "id": r["person_id"], "primary_need": r["primary_need"] or UNKNOWN,
            "phase": phase_of(r["age"]), "setting": r["establishment_type"] or UNKNOWN,
            "locality": r["locality"] or UNKNOWN, "start_date": r["start_date"]}
    return on, sorted(out.values(), key=lambda r: r["id"])


@dataclass(frozen=True)
class Check:
    dimension: str
    fit: GoodnessOfFit


def representativeness(chosen: list[dict], caseload_rows: list[dict],
                       dimensions=DIMENSIONS) -> list[Check]:
    """Per dimension: the chosen plans' mix against the caseload's."""
    out = []
    for dimension in dimensions:
        population: dict[str, int] = {}
        for r in caseload_rows:
            population[r[dimension]] = population.get(r[dimension], 0) + 1
        sample: dict[str, int] = {}
        for r in chosen:
            sample[r[dimension]] = sample.get(r[dimension], 0) + 1
        if not chosen or not population:
            continue
        out.append(Check(dimension, chi_square_gof(sample, population)))
    return out


@dataclass(frozen=True)
class Sample:
    la: str
    on: date
    size: int
    seed: int
    by: tuple[str, ...]
    caseload: int
    chosen: list[dict]
    checks: list[Check]
    margin: float | None = None


def draw(la: str, seed: int, by: tuple[str, ...], size: int | None = None,
         margin: float | None = None, on: date | None = None) -> Sample:
    """A stratified random sample of the area's active plans (``size`` plans, or the
    size a ``margin`` of error needs at 95% confidence)."""
    unknown = [d for d in by if d not in DIMENSIONS]
    if unknown:
        raise SampleError(f"{unknown[0]!r} is not a dimension; choose from "
                          f"{', '.join(DIMENSIONS)}")
    on, rows = active_caseload(la, on)
    if not rows or on is None:
        raise SampleError(f"LA {la} has no active EHC plans in the records")
    if size is None:
        if margin is None:
            raise SampleError("give --size or --margin")
        size = sample_size(len(rows), margin)
    if size < 1:
        raise SampleError("the sample size must be at least 1")
    keys = set(stratified_sample(rows, size, list(by), seed, key="id"))
    chosen = [r for r in rows if r["id"] in keys]
    return Sample(la, on, len(chosen), seed, tuple(by), len(rows), chosen,
                  representativeness(chosen, rows), margin)
