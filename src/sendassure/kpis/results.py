"""Shared shape of KPI results: frozen dataclasses whose field names are the output names."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

import polars as pl

PERCENT_DTYPE = pl.Decimal(38, 1)


class Result:
    """Mixin for the frozen result dataclasses."""

    def as_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)  # type: ignore[call-overload]


def year_bounds(year: int) -> tuple[date, date]:
    """A calendar year: 1 January to 31 December inclusive."""
    return date(year, 1, 1), date(year, 12, 31)


def result_dtype(field_type: Any) -> pl.DataType:
    """The frame column type for a result field (counts Int64, percentages Decimal 1 dp)."""
    text = str(field_type)
    if "Decimal" in text:
        return PERCENT_DTYPE
    if "date" in text:
        return pl.Date()
    return pl.Int64()


def results_frame(
    keys: list[dict[str, Any]], results: list[Result], key_schema: dict[str, pl.DataType],
    result_type: type,
) -> pl.DataFrame:
    """One row per (key, result): key columns first, then the result's output names."""
    schema = dict(key_schema)
    for f in dataclasses.fields(result_type):
        schema[f.name] = result_dtype(f.type)
    rows = [{**k, **r.as_dict()} for k, r in zip(keys, results, strict=True)]
    return pl.DataFrame(rows, schema=schema)

