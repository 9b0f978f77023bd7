"""Published benchmarks beside a local figure: DfE's own values for the area, its region,
England and the median of its statistical neighbours (from the benchmarks store)."""

from __future__ import annotations

from datetime import date

from sendassure.benchmarks.queries import Benchmarked
from sendassure.benchmarks.queries import benchmarks as _benchmarks
from sendassure.benchmarks.queries import comparison as _comparison


def comparison(measure: str, la: str) -> list[dict]:
    """Rows of (year, group, value) for one measure of DfE's 'all plans' breakdown."""
    return _comparison(measure, la)


def published_on(row: Benchmarked) -> date:
    """When DfE's EHC plans release carrying a year came out, taken as 30 June of the
    next year (the release is published each June): a calendar year 2023, and the
    January 2024 census (academic year 2023/24), were both published in June 2024."""
    return date(int(row.time_period[:4]) + 1, 6, 30)


def latest_benchmark(measure: str, la: str, on: date) -> tuple[Benchmarked | None, bool]:
    """DfE's latest year of ``measure`` for ``la`` published by ``on`` (the date the
    figures are known on: a pack for an earlier review shows what was then published),
    and whether DfE publishes the measure at all."""
    rows = _benchmarks(measure, la)
    out = [r for r in rows if published_on(r) <= on]
    return (out[-1] if out else None), bool(rows)
