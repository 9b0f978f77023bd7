"""Caseload and placements: active plans and the share placed in mainstream and special
schools at the end of each year, beside the plan's 80% ambition."""

from __future__ import annotations

import polars as pl

from sendassure.charts import line_figure
from sendassure.kpis import periods as P

from .common import View, count_columns, heading, summary
from .headlines import CASELOAD, Tile

TARGET = 80.0  # the plan's ambition: 80% of children with plans in mainstream schools
# the headline tiles above the page (kept with the page; the key holds the targets)
TILES = (Tile("ehcplans", CASELOAD),
           Tile("mainstream_total_pc", CASELOAD, TARGET),
           Tile("special_total_pc", CASELOAD))


def build(view: View) -> dict:
    rows, mainstream, special = [], {}, {}
    for year in range(view.year - 4, view.year + 1):
        figures = view.figures.family("caseload", view.stock_period(year))
        mainstream[str(year)] = figures["mainstream_total_pc"]
        special[str(year)] = figures["special_total_pc"]
        for label, name in (("Mainstream schools", "mainstream_total_pc"),
                            ("Special schools", "special_total_pc")):
            f = figures[name]
            rows.append({"year": str(year), "setting": label,
                         "value": None if f.value is None else float(f.value),
                         "symbol": "" if f.shown else f.text})
    now = view.figures.family("caseload", view.stock_period())
    return {
        "sections": [(heading(f"Active plans on {P.long_date(view.stock_period().end)}",
                              now["ehcplans"]), summary(now))],
        "figures": [line_figure(
            "placements-by-type",
            f"Children and young people with EHC plans by type of placement, at the end of "
            f"each year, {view.area_label}",
            pl.DataFrame(rows, schema={"year": pl.String, "setting": pl.String,
                                       "value": pl.Float64, "symbol": pl.String}),
            "year", "value", "setting", "% of active plans", "%", x_title="Year",
            series_title="Placement", suppressed="symbol",
            counts=[*count_columns(mainstream, denominator=False), *count_columns(special)],
            notes=("The plan's target is 80% of children with plans in mainstream schools.",),
        )],
    }
