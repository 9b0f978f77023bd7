"""The waits page's "over time" figures for one service: an XmR chart of the chosen
organisation's % over 18 weeks (the months with a value), and a line chart of it beside
its region (for an ICB) and England for every month from the first sitrep held to the
last, gaps kept. Each table says which months are incomplete (providers did not submit)
and why a value is missing; each figure says when its data ends."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from sendassure.charts.figure import Figure, display
from sendassure.charts.series import line_figure
from sendassure.charts.spc import spc_figure
from sendassure.health.waits_over_time import MonthWaits, over_time
from sendassure.kpis.periods import month_label
from sendassure.kpis.spc import xmr

UNIT = "%"


@dataclass(frozen=True)
class Series:
    org: str  # code, or "england"
    name: str


def _label(point: MonthWaits) -> str:
    return month_label(point.month)


def completeness(point: MonthWaits) -> str:
    """The month's note for the table (no commas: the CSV keeps the text as shown)."""
    notes = []
    if point.missing:
        notes.append(f"Missing: {point.missing}")
    if point.incomplete:
        notes.append(f"Incomplete: {point.not_submitted} provider"
                     f"{'' if point.not_submitted == 1 else 's'} did not submit")
    return "; ".join(notes)


def _spc(org: Series, service: str, points: list[MonthWaits], data_to: str) -> Figure:
    kept = [p for p in points if p.pc_over_18_weeks is not None]
    labels = [_label(p) for p in kept]
    chart = xmr([float(p.pc_over_18_weeks) for p in kept], improvement="down")
    figure = spc_figure(
        "waits-spc", f"Figure: {service}, % waiting over 18 weeks, {org.name}, by month",
        labels, chart, "% waiting over 18 weeks", UNIT,
        f"the % of {org.name}'s {service} waiting list waiting over 18 weeks",
        counts=[("Waiting", [display(p.total) for p in kept]),
                ("Over 18 weeks", [display(p.over_18_weeks) for p in kept]),
                ("Completeness", [completeness(p) or "Complete" for p in kept])])
    left_out = [p for p in points if p.pc_over_18_weeks is None]
    if left_out:
        figure.notes.append("Not charted (no value): " + "; ".join(
            f"{_label(p)} ({p.missing})" for p in left_out) + ".")
    incomplete = [_label(p) for p in kept if p.incomplete]
    if incomplete:
        figure.notes.append(f"Incomplete (providers in {org.name} did not submit): "
                            + ", ".join(incomplete) + ".")
    figure.notes.append(data_to)
    return figure


def _beside(series: list[tuple[Series, list[MonthWaits]]], service: str,
            data_to: str) -> Figure:
    org, points = series[0]
    rows = [{"month": _label(p), "series": who.name,
             "value": None if p.pc_over_18_weeks is None else float(p.pc_over_18_weeks)}
            for who, found in series for p in found]
    frame = pl.DataFrame(rows, schema={"month": pl.String, "series": pl.String,
                                       "value": pl.Float64}, orient="row")
    extra = [(f"{who.name}: completeness", {_label(p): completeness(p) or "Complete" for p in found})
             for who, found in series]
    figure = line_figure(
        "waits-trend", f"Figure: {service}, % waiting over 18 weeks, {org.name} beside "
        + ("its region and England" if len(series) > 2 else "England") + ", by month",
        frame, "month", "value", "series", "% waiting over 18 weeks", UNIT,
        x_title="Month", series_title="Organisation",
        counts=[(f"{org.name}: waiting", {_label(p): display(p.total) for p in points}),
                (f"{org.name}: over 18 weeks",
                 {_label(p): display(p.over_18_weeks) for p in points}), *extra],
        notes=("A gap in a line is a month with no value: no sitrep held, not published "
               "for the organisation, suppressed (*) or not submitted; never 0.",))
    figure.notes.append(data_to)
    return figure


def waits_figures(org: Series, region: Series | None, service: str,
                  data_to: str) -> list[Figure]:
    """The XmR chart and the line chart beside region and England, in that order."""
    points = over_time(org.org, service)
    series = [(org, points)]
    if region is not None:
        series.append((region, over_time(region.org, service)))
    if org.org != "england":
        series.append((Series("england", "England"), over_time("england", service)))
    return [_spc(org, service, points, data_to), _beside(series, service, data_to)]
