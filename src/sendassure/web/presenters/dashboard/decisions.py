"""Decisions whether to assess (6 weeks), decisions not to issue (16 weeks), and the
mediation and tribunal appeals recorded on the requests."""

from __future__ import annotations

import polars as pl

from sendassure.charts import line_figure

from .common import View, count_columns, heading, summary
from .headlines import Tile

MEASURE = "pc_decided_within_6_weeks"
# the headline tiles above the page (kept with the page; the key holds the targets)
TILES = (Tile(MEASURE), Tile("requests_received"),
           Tile("pc_not_to_issue_within_16_weeks"))


def build(view: View) -> dict:
    rows, by_year = [], {}
    for year in range(view.year - 4, view.year + 1):
        f = view.figures.figure(MEASURE, view.year_period(year))
        by_year[str(year)] = f
        rows.append({"year": str(year), "value": None if f.value is None else float(f.value),
                     "symbol": "" if f.shown else f.text})
    figure = line_figure(
        "decided-within-6-weeks",
        f"Requests for assessment decided within 6 weeks, by year of decision, {view.area_label}",
        pl.DataFrame(rows, schema={"year": pl.String, "value": pl.Float64, "symbol": pl.String}),
        "year", "value", None, "% decided within 6 weeks", "%", x_title="Year",
        suppressed="symbol", counts=count_columns(by_year),
    )
    decided = view.figures.family("decisions", view.year_period())
    refused = view.figures.family("not_to_issue", view.year_period())
    redress = view.figures.family("redress", view.year_period())
    return {
        "sections": [
            (heading(f"Decisions whether to assess, {view.year}", decided[MEASURE]),
             summary(decided)),
            (heading(f"Decisions not to issue a plan, {view.year}", refused["not_to_issue"]),
             summary(refused)),
            (heading(f"Mediation and tribunal appeals on requests received in {view.year}",
                     redress["redress_requests"]), summary(redress)),
        ],
        "figures": [figure],
    }
