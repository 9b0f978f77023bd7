"""The outcomes page: each published series for the area beside its region, England and
its statistical neighbours (median and range), the gap to pupils with no SEN, and the
direction of travel; every chart with its table and CSV."""

from __future__ import annotations

import polars as pl

from sendassure.benchmarks.authorities import name_of
from sendassure.benchmarks.outcomes.queries import comparison, direction, plain
from sendassure.benchmarks.outcomes.series import SERIES
from sendassure.charts.series import line_figure

UNITS = {"percent": "%", "score": "", "grade": "", "pounds": ""}


def _text(value) -> str:
    shown = plain(value)
    return "" if shown is None else f"{shown:,}" if isinstance(shown, int) else f"{shown}"


def summary(la: str, names: list[str]) -> list[dict]:
    """The latest published period of each series, one row per characteristic."""
    out = []
    for name in names:
        rows = comparison(name, la)
        if not rows:
            continue
        latest = rows[-1].period
        for r in (r for r in rows if r.period == latest):
            out.append({
                "series": name, "label": SERIES[name].label, "period": r.period,
                "characteristic": r.characteristic, "value": _text(r.value),
                "reason": r.reason, "region": _text(r.region), "england": _text(r.england),
                "neighbours": _text(r.neighbours_median),
                "range": (f"{_text(r.neighbours_low)} to {_text(r.neighbours_high)}"
                          if r.neighbours_count else ""),
                "gap": _text(r.gap), "direction": direction(name, rows, r.characteristic),
                "unit": UNITS.get(SERIES[name].unit, ""),
            })
    return out


def figures(la: str, name: str) -> list:
    """One line chart per characteristic: the area, its region, England, and its
    neighbours' median over the published periods (the range in the table)."""
    series = SERIES[name]
    rows = comparison(name, la)
    area = name_of(la)
    out = []
    for characteristic in dict.fromkeys(r.characteristic for r in rows):
        mine = [r for r in rows if r.characteristic == characteristic]
        long = []
        for r in mine:
            for group, value in ((area, r.value), ("Region", r.region),
                                 ("England", r.england),
                                 ("Statistical neighbours (median)", r.neighbours_median)):
                long.append({"period": r.period, "group": group,
                             "value": None if value is None else float(value)})
        frame = pl.DataFrame(long, schema={"period": pl.Utf8, "group": pl.Utf8,
                                           "value": pl.Float64})
        notes = [f"{r.period}: neighbours range from {_text(r.neighbours_low)} to "
                 f"{_text(r.neighbours_high)} ({r.neighbours_count} of 10 published)"
                 for r in mine if r.neighbours_count]
        gaps = [f"{r.period}: {_text(r.gap)} points against {area}'s pupils with no SEN "
                f"(England {_text(r.england_gap)})" for r in mine if r.gap is not None]
        trend = direction(name, rows, characteristic)
        if trend:
            notes.insert(0, f"Direction of travel (latest two periods): {trend}.")
        notes += gaps
        notes.append(f"Source: {series.source}; values as published.")
        slug = "".join(c if c.isalnum() else "-" for c in characteristic.lower())
        out.append(line_figure(
            f"{name}-{slug}", f"Figure: {series.label}, {characteristic}, {area}", frame,
            "period", "value", "group", series.label, UNITS.get(series.unit, ""),
            x_title="Period", series_title="Area", decimals=2, notes=tuple(notes)))
    return out
