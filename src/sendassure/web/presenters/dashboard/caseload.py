"""Caseload and placements: active plans and the share placed in mainstream and special
schools at each census date, beside DfE's published figures."""

from __future__ import annotations

from datetime import date

import polars as pl

from sendassure.kpis.caseload import caseload
from sendassure.web.charts import line_figure

from .common import View, frames_for, hidden_share, shown


def build(view: View) -> dict:
    plans = frames_for(view.areas).active_plans
    rows = []
    for year in range(view.year - 4, view.year + 1):
        census = min(view.as_of, date(year, 12, 31))
        result = caseload(plans, census).as_dict()
        for label, key, count in (("Mainstream schools", "mainstream_total_pc", "mainstream_total"),
                                  ("Special schools", "special_total_pc", "special_total")):
            value = result[key]
            rows.append({"year": str(year), "setting": label,
                         "value": None if value is None else float(value),
                         "hidden": view.aggregate and hidden_share(result[count],
                                                                   result["ehcplans"])})
    return {
        "sections": [(f"Active plans on {min(view.as_of, date(view.year, 12, 31)):%d %B %Y}",
                      shown("caseload", caseload(plans, min(view.as_of, date(view.year, 12, 31)))
                            .as_dict(), view.aggregate))],
        "figures": [line_figure(
            "placements-by-type",
            f"Children and young people with EHC plans by type of placement, at the end of "
            f"each year, {view.area_label}",
            pl.DataFrame(rows, schema={"year": pl.String, "setting": pl.String,
                                       "value": pl.Float64, "hidden": pl.Boolean}),
            "year", "value", "setting", "% of active plans", "%", x_title="Year",
            series_title="Placement", suppressed="hidden",
            notes=("The plan's target is 80% of children with plans in mainstream schools.",),
        )],
    }
