"""Annual reviews: decisions notified within 4 weeks of the meeting, and overdue reviews."""

from __future__ import annotations

from datetime import date

import polars as pl

from sendassure.kpis.annual_reviews import annual_reviews, reviews_overdue
from sendassure.kpis.phase_transfers import phase_transfers
from sendassure.web.charts import line_figure

from .common import View, frames_for, hidden_share, shown


def build(view: View) -> dict:
    plans = frames_for(view.areas).active_plans
    rows = []
    for year in range(view.year - 4, view.year + 1):
        result = annual_reviews(plans, year, min(view.as_of, date(year, 12, 31))).as_dict()
        value = result["pc_reviews_within_4_weeks"]
        rows.append({"year": str(year), "value": None if value is None else float(value),
                     "hidden": view.aggregate and hidden_share(result["reviews_within_4_weeks"],
                                                               result["reviews_held"])})
    overdue = reviews_overdue(plans, view.as_of).as_dict()
    overdue_rows = [
        {"name": k, "label": label, "value": v} for (k, label), v in zip(
            [("ehcplans", "Active EHC plans"), ("reviews_overdue", "Annual review overdue")],
            _overdue_text(overdue, view.aggregate), strict=True)
    ]
    return {
        "sections": [
            (f"Annual reviews held in {view.year}",
             shown("annual_reviews", annual_reviews(plans, view.year, view.as_of).as_dict(),
                   view.aggregate)),
            (f"Overdue reviews on {view.as_of:%d %B %Y}", overdue_rows),
            (f"Phase transfers due in {view.year}",
             shown("phase_transfers", phase_transfers(plans, view.year, view.as_of).as_dict(),
                   view.aggregate)),
        ],
        "figures": [line_figure(
            "reviews-within-4-weeks",
            f"Annual review decisions notified within 4 weeks of the meeting, by year, "
            f"{view.area_label}",
            pl.DataFrame(rows, schema={"year": pl.String, "value": pl.Float64,
                                       "hidden": pl.Boolean}),
            "year", "value", None, "% within 4 weeks", "%", x_title="Year", suppressed="hidden",
        )],
    }


def _overdue_text(values: dict, aggregate: bool) -> list[str]:
    from sendassure.kpis.disclosure import sensitive

    out = []
    for key in ("ehcplans", "reviews_overdue"):
        value = values[key]
        hide = aggregate and (sensitive(value) or sensitive(values["ehcplans"] - values["reviews_overdue"]))
        out.append("c" if hide else f"{value:,}")
    return out
