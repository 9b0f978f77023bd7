"""A measure's trend as an XmR chart, straight from the figures service: one point per
period with the counts behind it, partial and controlled-away periods left out (and said
so), and a trajectory only when the trend is significant."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sendassure.figures.service import FigureSet
from sendassure.kpis.periods import Period, long_date
from sendassure.kpis.spc import xmr
from sendassure.kpis.trajectory import trajectory

from .figure import Figure
from .spc import spc_figure


def trend_figure(
    figures: FigureSet,
    measure: str,
    periods: Sequence[Period],
    *,
    id: str,
    caption: str,
    y_title: str,
    target: float | None = None,
    counts: Sequence[tuple[str, str]] = (),
    breakdown: str = "",
) -> Figure:
    """``counts``: (column title, measure name) shown beside each point, e.g. the
    numerator and the denominator of a percentage."""
    labels, values, dated, partial, hidden = [], [], [], [], []
    kept: list[Period] = []
    first = None
    for period in periods:
        figure = figures.figure(measure, period, breakdown)
        first = first or figure
        if figure.status == "partial":
            partial.append(period)
            continue
        if figure.status == "no_data" or figure.value is None:
            if not figure.shown and figure.text != "z":
                hidden.append(period)
            continue
        labels.append(period.label)
        values.append(float(figure.value))
        dated.append((period.end, float(figure.value)))
        kept.append(period)
    unit = first.measure.symbol.strip() if first else ""
    polarity = first.measure.polarity if first else "neither"
    columns = [(title, [figures.figure(name, p, breakdown).text for p in kept])
               for title, name in counts]
    chart = xmr(values, improvement=polarity, target=target)
    figure = spc_figure(id, caption, labels, chart, y_title, unit,
                        f"{y_title.lower()}", counts=columns)
    if partial:
        ends = figures.currency.data_to
        figure.notes.append(
            f"{', '.join(p.label for p in partial)} not shown: the data covers only part of "
            f"{'it' if len(partial) == 1 else 'them'}"
            + (f" (data to {long_date(ends)})." if ends else "."))
    if hidden:
        figure.notes.append(f"{len(hidden)} {'period' if len(hidden) == 1 else 'periods'} "
                            "not shown: too few children to publish safely.")
    if target is not None and polarity in ("up", "down"):
        figure.notes.append(trajectory_note(dated, target, polarity, unit))
    return figure


def trajectory_note(dated: list[tuple[date, float]], target: float, polarity: str,
                    unit: str, months: int = 12) -> str:
    """When the target would be reached if the recent trend went on, but only when the
    trend is significant (its 95% interval excludes no change)."""
    fit = trajectory(dated, k=months, target=target, improvement=polarity)
    if fit is None or fit.slope_standard_error is None:
        return "Too few points to estimate a trajectory."
    per_month = fit.slope_per_day * 365.25 / 12
    spread = 1.96 * fit.slope_standard_error * 365.25 / 12
    trend = (f"Over the last {fit.n} points the trend is {per_month:+.1f} points a month "
             f"(give or take {spread:.1f})")
    if abs(per_month) <= spread:
        return f"{trend}: no significant trend, so no trajectory to the target is shown."
    goal = f"{target:g}{unit}"
    if fit.target_date is None:
        return f"{trend}: at this rate the {goal} target would not be reached."
    return f"{trend}: at this rate the {goal} target would be reached in {fit.target_date:%B %Y}."
