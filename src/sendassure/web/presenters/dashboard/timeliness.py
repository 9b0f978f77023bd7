"""Timeliness: monthly % within 20 weeks as an SPC chart against the 80% target, the
bands by year, and the area beside England, its region and its statistical neighbours."""

from __future__ import annotations

from datetime import date

import polars as pl

from sendassure.benchmarks.queries import comparison
from sendassure.kpis.breakdowns import add_months, timeliness_by_month
from sendassure.kpis.spc import xmr
from sendassure.kpis.timeliness import timeliness
from sendassure.web.charts import bar_figure, line_figure, spc_figure

from .common import View, frames_for, hidden_share, shown

TARGET = 80.0  # the plan's target: 80% of new plans within 20 weeks


def build(view: View) -> dict:
    data = frames_for(view.areas)
    requests = data.requests
    headline = timeliness(requests, view.year, view.as_of).as_dict()
    return {
        "sections": [("Plans issued in " + str(view.year), shown("timeliness", headline,
                                                               view.aggregate))],
        "figures": [_monthly(requests, view), _bands(requests, view), _comparison(requests, view)],
    }


def _monthly(requests: pl.DataFrame, view: View):
    last = date(view.year, 12, 1)
    first = add_months(last, -35)
    months = timeliness_by_month(requests, first, last, as_of=view.as_of)
    labels, values, hidden = [], [], 0
    for row in months.iter_rows(named=True):
        value = row["pc_plans_issued_within_20_weeks"]
        if value is None or row["period_start"] > view.as_of:
            continue
        if view.aggregate and hidden_share(row["plans_issued_within_20_weeks"],
                                           row["plans_issued_den"]):
            hidden += 1
            continue
        labels.append(row["period_start"].strftime("%b %Y"))
        values.append(float(value))
    chart = xmr(values, improvement="up", target=TARGET)
    figure = spc_figure(
        "monthly-within-20-weeks",
        f"EHC plans issued within 20 weeks, by month of issue, {view.area_label}",
        labels, chart, "Plans issued within 20 weeks", "%", "plans issued within 20 weeks",
    )
    if hidden:
        figure.notes.append(f"{hidden} month(s) not shown: too few plans to publish safely.")
    return figure


def _bands(requests: pl.DataFrame, view: View):
    rows = []
    for year in range(view.year - 4, view.year + 1):
        result = timeliness(requests, year, min(view.as_of, date(year, 12, 31))).as_dict()
        parts = [("Within 20 weeks", "plans_issued_within_20_weeks"),
                 ("Over 20 weeks, within a year", "plans_issued_gt20weeks_ltyear"),
                 ("Over a year", "plans_issued_gt_1_year")]
        protect = view.aggregate and any(1 <= result[key] <= 4 for _, key in parts)
        for label, key in parts:
            rows.append({"year": str(year), "band": label, "plans": result[key],
                         "hidden": bool(protect)})
    frame = pl.DataFrame(rows)
    return bar_figure(
        "bands-by-year", f"EHC plans issued by time taken, by year of issue, {view.area_label}",
        frame, "year", "plans", series="band", stacked=True, y_title="Plans issued",
        x_title="Year", series_title="Time taken", suppressed="hidden", decimals=0,
    )


def _comparison(requests: pl.DataFrame, view: View):
    rows = []
    for year in range(view.year - 5, view.year + 1):
        value = timeliness(requests, year, min(view.as_of, date(year, 12, 31))).as_dict()[
            "pc_plans_issued_within_20_weeks"]
        rows.append({"year": str(year), "group": "This area (from its records)",
                     "value": None if value is None else float(value)})
    if len(view.areas) == 1:
        years = {r["year"] for r in rows}
        rows += [r for r in comparison("pc_plans_issued_within_20_weeks", view.areas[0])
                 if r["year"] in years]
    frame = pl.DataFrame(rows, schema={"year": pl.String, "group": pl.String,
                                       "value": pl.Float64}).sort("year", maintain_order=True)
    return line_figure(
        "compared-with-england",
        f"Percentage of EHC plans issued within 20 weeks: {view.area_label} compared with "
        "England, its region and statistical neighbours (DfE published figures)",
        frame, "year", "value", "group", "% within 20 weeks", "%", x_title="Year",
        series_title="Area",
        notes=("Published figures are DfE's (Explore Education Statistics, EHC plans 2025).",),
    )
