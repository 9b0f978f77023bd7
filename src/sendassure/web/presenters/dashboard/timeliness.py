"""Timeliness: monthly % within 20 weeks as an SPC chart against the plan's target (80%
where the plan sets none), with its counts; the bands by year; the area beside England,
its region and neighbours."""

from __future__ import annotations

import polars as pl

from sendassure.charts import bar_figure, line_figure
from sendassure.figures.benchmarks import comparison
from sendassure.kpis import periods as P

from .common import View, heading, summary
from .headlines import TIMELINESS, Tile
from .trend import monthly_spc

TARGET = 80.0  # where the plan sets no target: 80% of new plans within 20 weeks
MEASURE = "pc_plans_issued_within_20_weeks"
# the headline tiles above the page (kept with the page; the key holds the targets)
TILES = (Tile(MEASURE, TIMELINESS, TARGET), Tile("avg_weeks_issue_plan"),
           Tile("plans_issued_den"))


def build(view: View) -> dict:
    period = view.year_period()
    figures = view.figures.family("timeliness", period)
    return {
        "sections": [(heading(f"Plans issued in {view.year}", figures[MEASURE]),
                      summary(figures))],
        "figures": [
            monthly_spc(view, MEASURE, "monthly-within-20-weeks",
                        f"EHC plans issued within 20 weeks, by month of issue, "
                        f"{view.area_label}", "Plans issued within 20 weeks",
                        view.target(MEASURE, TARGET),
                        [("Issued within 20 weeks", "plans_issued_within_20_weeks"),
                         ("Plans issued", "plans_issued_den")]),
            _bands(view), _comparison(view),
        ],
    }


def _bands(view: View):
    parts = [("Within 20 weeks", "plans_issued_within_20_weeks"),
             ("Over 20 weeks, within a year", "plans_issued_gt20weeks_ltyear"),
             ("Over a year", "plans_issued_gt_1_year")]
    rows = []
    for year in range(view.year - 4, view.year + 1):
        figures = view.figures.family("timeliness", view.year_period(year))
        for label, name in parts:
            f = figures[name]
            rows.append({"year": str(year), "band": label, "plans": f.value,
                         "symbol": "" if f.shown else f.text})
    return bar_figure(
        "bands-by-year", f"EHC plans issued by time taken, by year of issue, {view.area_label}",
        pl.DataFrame(rows, schema={"year": pl.String, "band": pl.String, "plans": pl.Int64,
                                   "symbol": pl.String}),
        "year", "plans", series="band", stacked=True, y_title="Plans issued",
        x_title="Year", series_title="Time taken", suppressed="symbol", decimals=0,
    )


def _comparison(view: View):
    rows = []
    years = [str(y) for y in range(view.year - 5, view.year + 1)]
    for year in years:
        f = view.figures.figure(MEASURE, P.calendar_year(int(year)))
        rows.append({"year": year, "group": "This area (from its records)",
                     "value": None if f.value is None else float(f.value),
                     "symbol": "" if f.shown else f.text})
    if len(view.areas) == 1:
        rows += [{**r, "symbol": ""} for r in comparison(MEASURE, view.areas[0])
                 if r["year"] in years]
    frame = pl.DataFrame(rows, schema={"year": pl.String, "group": pl.String,
                                       "value": pl.Float64, "symbol": pl.String}
                         ).sort("year", maintain_order=True)
    return line_figure(
        "compared-with-england",
        f"Percentage of EHC plans issued within 20 weeks: {view.area_label} compared with "
        "England, its region and statistical neighbours (DfE published figures)",
        frame, "year", "value", "group", "% within 20 weeks", "%", x_title="Year",
        series_title="Area", suppressed="symbol",
        notes=("Published figures are DfE's (Explore Education Statistics, EHC plans 2025).",),
    )
