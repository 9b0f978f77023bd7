"""Annual reviews: decisions notified within 4 weeks of the meeting, overdue reviews and
phase transfers."""

from __future__ import annotations

import polars as pl

from sendassure.charts import line_figure
from sendassure.kpis import periods as P

from .common import View, count_columns, heading, summary
from .headlines import Tile

MEASURE = "pc_reviews_within_4_weeks"
# the headline tiles above the page (kept with the page; the key holds the targets)
TILES = (Tile(MEASURE), Tile("reviews_overdue"),
           Tile("pc_phase_transfers_on_time"))


def build(view: View) -> dict:
    rows, by_year = [], {}
    for year in range(view.year - 4, view.year + 1):
        f = view.figures.figure(MEASURE, view.year_period(year))
        by_year[str(year)] = f
        rows.append({"year": str(year), "value": None if f.value is None else float(f.value),
                     "symbol": "" if f.shown else f.text})
    held = view.figures.family("annual_reviews", view.year_period())
    overdue = view.figures.family("reviews_overdue", view.stock_period())
    transfers = view.figures.family("phase_transfers", view.year_period())
    return {
        "sections": [
            (heading(f"Annual reviews held in {view.year}", held[MEASURE]), summary(held)),
            (heading(f"Overdue reviews on {P.long_date(view.stock_period().end)}",
                     overdue["reviews_overdue"]), summary(overdue)),
            (heading(f"Phase transfers due in {view.year}",
                     transfers["pc_phase_transfers_on_time"]), summary(transfers)),
        ],
        "figures": [line_figure(
            "reviews-within-4-weeks",
            f"Annual review decisions notified within 4 weeks of the meeting, by year, "
            f"{view.area_label}",
            pl.DataFrame(rows, schema={"year": pl.String, "value": pl.Float64,
                                       "symbol": pl.String}),
            "year", "value", None, "% within 4 weeks", "%", x_title="Year", suppressed="symbol",
            counts=count_columns(by_year),
        )],
    }
