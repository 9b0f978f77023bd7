"""Timeliness: monthly % within 20 weeks as an SPC chart against the 80% target, the
bands by year, and the area beside England, its region and its statistical neighbours."""

from __future__ import annotations

from datetime import date

import polars as pl

from sendassure.benchmarks.queries import comparison
from sendassure.kpis.breakdowns import add_months, timeliness_by_month
from sendassure.kpis.spc import xmr
from sendassure.kpis.timeliness import timeliness
from sendassure.kpis.trajectory import trajectory
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
    labels, values, hidden, dated = [], [], 0, []
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
        dated.append((row["period_end"], float(value)))
    chart = xmr(values, improvement="up", target=TARGET)
    figure = spc_figure(
        "monthly-within-20-weeks",
        f"EHC plans issued within 20 weeks, by month of issue, {view.area_label}",
        labels, chart, "Plans issued within 20 weeks", "%", "plans issued within 20 weeks",
    )
    if hidden:
        figure.notes.append(f"{hidden} month(s) not shown: too few plans to publish safely.")
    figure.notes.append(trajectory_note(dated))
    return figure


def trajectory_note(dated: list[tuple[date, float]], months: int = 12) -> str:
    """When the target would be reached if the last ``months`` months' trend continued."""
    fit = trajectory(dated, k=months, target=TARGET, improvement="up")
    if fit is None:
        return "Too few months to estimate a trajectory."
    per_month = fit.slope_per_day * 365.25 / 12
    trend = f"Over the last {fit.n} months the trend is {per_month:+.1f} points a month"
    spread = ""
    if fit.slope_standard_error is not None:
        spread = f" (give or take {1.96 * fit.slope_standard_error * 365.25 / 12:.1f})"
    if fit.target_date is None:
        return f"{trend}{spread}: at this rate the {TARGET:.0f}% target would not be reached."
    return (f"{trend}{spread}: at this rate the {TARGET:.0f}% target would be reached in "
            f"{fit.target_date:%B %Y}.")


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
        result = timeliness(requests, year, min(view.as_of, date(year, 12, 31))).as_dict()
        value = result["pc_plans_issued_within_20_weeks"]
        rows.append({"year": str(year), "group": "This area (from its records)",
                     "value": None if value is None else float(value),
                     "hidden": view.aggregate and hidden_share(
                         result["plans_issued_within_20_weeks"], result["plans_issued_den"])})
    if len(view.areas) == 1:
        years = {r["year"] for r in rows}
        rows += [{**r, "hidden": False}
                 for r in comparison("pc_plans_issued_within_20_weeks", view.areas[0])
                 if r["year"] in years]
    frame = pl.DataFrame(rows, schema={"year": pl.String, "group": pl.String,
                                       "value": pl.Float64, "hidden": pl.Boolean}
                         ).sort("year", maintain_order=True)
    return line_figure(
        "compared-with-england",
        f"Percentage of EHC plans issued within 20 weeks: {view.area_label} compared with "
        "England, its region and statistical neighbours (DfE published figures)",
        frame, "year", "value", "group", "% within 20 weeks", "%", x_title="Year",
        series_title="Area", suppressed="hidden",
        notes=("Published figures are DfE's (Explore Education Statistics, EHC plans 2025).",),
    )
