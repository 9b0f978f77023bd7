"""Published benchmarks beside a local figure: DfE's own values for the area, its region,
England and the median of its statistical neighbours (from the benchmarks store)."""

from __future__ import annotations

from sendassure.benchmarks.queries import comparison as _comparison


def comparison(measure: str, la: str) -> list[dict]:
    """Rows of (year, group, value) for one measure of DfE's 'all plans' breakdown."""
    return _comparison(measure, la)
