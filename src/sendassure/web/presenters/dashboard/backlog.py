"""Backlog: open assessments by age band at each month end, up to the as-of date."""

from __future__ import annotations

import polars as pl

from sendassure.kpis.breakdowns import add_months, month_end, month_start
from sendassure.kpis.disclosure import sensitive
from sendassure.kpis.open_assessments import backlog_bands, open_assessments
from sendassure.web.charts import bar_figure

from .common import View, frames_for, shown


def build(view: View) -> dict:
    requests = frames_for(view.areas).requests
    rows = []
    last = month_start(view.as_of)
    for back in range(23, -1, -1):
        start = add_months(last, -back)
        day = view.as_of if back == 0 else month_end(start)
        bands = backlog_bands(requests, day)
        protect = view.aggregate and any(sensitive(v) for v in bands["open_cases"])
        for band, count in bands.iter_rows():
            rows.append({"month": day.strftime("%b %Y"), "band": band, "open": count,
                         "hidden": bool(protect)})
    figure = bar_figure(
        "open-by-age",
        f"Open EHC needs assessments by time since the request, at each month end, "
        f"{view.area_label}",
        pl.DataFrame(rows), "month", "open", series="band", stacked=True,
        y_title="Open assessments", x_title="Month end", series_title="Time since request",
        suppressed="hidden", decimals=0,
    )
    return {
        "sections": [(f"Open assessments on {view.as_of:%d %B %Y}",
                      shown("open_assessments", open_assessments(requests, view.as_of).as_dict(),
                            view.aggregate))],
        "figures": [figure],
    }
