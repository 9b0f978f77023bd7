"""Backlog: open assessments by time since the request, at each month end."""

from __future__ import annotations

import polars as pl

from sendassure.charts import bar_figure
from sendassure.kpis import periods as P

from .common import View, heading, summary
from .headlines import Tile

BANDS = (  # (label, the count of cases beyond the band's start, the next band's count)
    ("up to 20 weeks", "open_total", "open_over_20_weeks"),
    ("over 20 to 30 weeks", "open_over_20_weeks", "open_over_30_weeks"),
    ("over 30 to 52 weeks", "open_over_30_weeks", "open_over_52_weeks"),
    ("over 52 weeks", "open_over_52_weeks", None),
)
# the headline tiles above the page (kept with the page; the key holds the targets)
TILES = (Tile("open_total"), Tile("open_over_20_weeks"),
           Tile("open_over_52_weeks"))


def build(view: View) -> dict:
    last = view.stock_period().end
    dates = P.between(P.POINT_IN_TIME, P.add_months(last.replace(day=1), -23), last)
    rows = []
    for day in dates:
        figures = view.figures.family("open_assessments", day)
        for label, beyond, next_band in BANDS:
            total, rest = figures[beyond], figures[next_band] if next_band else None
            shown = total.shown and (rest is None or rest.shown)
            value = (total.value - (rest.value if rest else 0)) if shown else None
            rows.append({"month": day.label, "band": label, "open": value,
                         "symbol": "" if shown else "c"})
    figure = bar_figure(
        "open-by-age",
        f"Open EHC needs assessments by time since the request, at each month end, "
        f"{view.area_label}",
        pl.DataFrame(rows, schema={"month": pl.String, "band": pl.String, "open": pl.Int64,
                                   "symbol": pl.String}),
        "month", "open", series="band", stacked=True, y_title="Open assessments",
        x_title="Month end", series_title="Time since request", suppressed="symbol",
        decimals=0,
    )
    now = view.figures.family("open_assessments", view.stock_period())
    return {
        "sections": [(heading(f"Open assessments on {P.long_date(last)}", now["open_total"]),
                      summary(now))],
        "figures": [figure],
    }
