"""The monthly trend every dashboard page can show, from the figures service."""

from __future__ import annotations

from sendassure.charts.trend import trend_figure
from sendassure.kpis import periods as P

from .common import View

MONTHS = 36


def months(view: View) -> list[P.Period]:
    """The 36 months to December of the view's year (or to the as-of date, if earlier)."""
    last = min(view.year_period().end, view.as_of)
    first = P.add_months(last.replace(day=1), 1 - MONTHS)
    return P.between(P.MONTH, first, last)


def monthly_spc(view: View, measure: str, id: str, caption: str, y_title: str,
                target: float | None, counts):
    return trend_figure(view.figures, measure, months(view), id=id, caption=caption,
                        y_title=y_title, target=target, counts=counts)
