"""Decisions whether to assess (6 weeks) and decisions not to issue (16 weeks)."""

from __future__ import annotations

from datetime import date

import polars as pl

from sendassure.kpis.decisions import decisions
from sendassure.kpis.not_to_issue import not_to_issue
from sendassure.web.charts import line_figure

from .common import View, frames_for, hidden_share, shown


def build(view: View) -> dict:
    requests = frames_for(view.areas).requests
    rows = []
    for year in range(view.year - 4, view.year + 1):
        result = decisions(requests, year, min(view.as_of, date(year, 12, 31))).as_dict()
        hide = view.aggregate and hidden_share(result["decided_within_6_weeks"],
                                               result["requests_decided"])
        value = result["pc_decided_within_6_weeks"]
        rows.append({"year": str(year), "value": None if value is None else float(value),
                     "hidden": hide})
    figure = line_figure(
        "decided-within-6-weeks",
        f"Requests for assessment decided within 6 weeks, by year of decision, {view.area_label}",
        pl.DataFrame(rows, schema={"year": pl.String, "value": pl.Float64, "hidden": pl.Boolean}),
        "year", "value", None, "% decided within 6 weeks", "%", x_title="Year",
        suppressed="hidden",
    )
    return {
        "sections": [
            (f"Decisions whether to assess, {view.year}",
             shown("decisions", decisions(requests, view.year, view.as_of).as_dict(),
                   view.aggregate)),
            (f"Decisions not to issue a plan, {view.year}",
             shown("not_to_issue", not_to_issue(requests, view.year, view.as_of).as_dict(),
                   view.aggregate)),
        ],
        "figures": [figure],
    }
