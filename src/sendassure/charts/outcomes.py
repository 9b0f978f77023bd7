"""Charts of a published outcome series: one line chart per characteristic (the area, its
region, England and its statistical neighbours' median over the published periods), with
the neighbours' range, the gap to pupils with no SEN and the direction of travel as notes.
The outcomes page and the review pack draw the same charts from here."""

from __future__ import annotations

import polars as pl

from sendassure.benchmarks.authorities import name_of
from sendassure.benchmarks.outcomes.queries import Compared, comparison, direction, plain
from sendassure.benchmarks.outcomes.series import SERIES

from .figure import Figure
from .series import line_figure

UNITS = {"percent": "%", "score": "", "grade": "", "pounds": ""}
NEIGHBOURS = "Statistical neighbours (median)"


def text(value) -> str:
    """A published number as printed, thousands separated: "" when there is none."""
    shown = plain(value)
    return "" if shown is None else f"{shown:,}" if isinstance(shown, int) else f"{shown}"


def slug(characteristic: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in characteristic.lower())


def notes(name: str, rows: list[Compared], characteristic: str, area: str) -> list[str]:
    """What a reader needs beside the chart: direction of travel, the neighbours' range,
    the gap to the area's pupils with no SEN (and England's), and the source."""
    mine = [r for r in rows if r.characteristic == characteristic]
    out = [f"{r.period}: neighbours range from {text(r.neighbours_low)} to "
           f"{text(r.neighbours_high)} ({r.neighbours_count} of 10 published)"
           for r in mine if r.neighbours_count]
    trend = direction(name, rows, characteristic)
    if trend:
        out.insert(0, f"Direction of travel (latest two periods): {trend}.")
    out += [f"{r.period}: {text(r.gap)} points against {area}'s pupils with no SEN "
            f"(England {text(r.england_gap)})" for r in mine if r.gap is not None]
    out.append(f"Source: {SERIES[name].source}; values as published.")
    return out


def outcome_figures(la: str, name: str, characteristics: tuple[str, ...] = (),
                    rows: list[Compared] | None = None) -> list[Figure]:
    """One line chart per characteristic of series ``name`` for ``la`` (only those in
    ``characteristics`` if given), each with its data table and CSV."""
    series = SERIES[name]
    rows = comparison(name, la) if rows is None else rows
    area = name_of(la)
    out = []
    for characteristic in dict.fromkeys(r.characteristic for r in rows):
        if characteristics and characteristic not in characteristics:
            continue
        long = []
        for r in (r for r in rows if r.characteristic == characteristic):
            for group, value in ((area, r.value), ("Region", r.region),
                                 ("England", r.england), (NEIGHBOURS, r.neighbours_median)):
                long.append({"period": r.period, "group": group,
                             "value": None if value is None else float(value)})
        frame = pl.DataFrame(long, schema={"period": pl.Utf8, "group": pl.Utf8,
                                           "value": pl.Float64})
        out.append(line_figure(
            f"{name}-{slug(characteristic)}", f"Figure: {series.label}, {characteristic}, "
            f"{area}", frame, "period", "value", "group", series.label,
            UNITS.get(series.unit, ""), x_title="Period", series_title="Area", decimals=2,
            notes=tuple(notes(name, rows, characteristic, area))))
    return out
