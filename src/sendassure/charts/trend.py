"""A measure's trend as an XmR chart, straight from the figures service: one point per
period with the counts behind it, partial and controlled-away periods left out (and said
so), process limits recalculated at the area's known process changes
(``recalculations``), and a trajectory only when the trend is significant: the slope's
95% confidence interval, slope ± t(0.975, n-2) × its standard error, excludes 0."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sendassure.figures.service import FigureSet
from sendassure.kpis.periods import Period, long_date
from sendassure.kpis.spc import xmr
from sendassure.kpis.trajectory import t_975, trajectory

from . import recalculations
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
    recalculate_from: Sequence[tuple[date, str]] | None = None,
) -> Figure:
    """``counts``: (column title, measure name) shown beside each point, e.g. the
    numerator and the denominator of a percentage. ``recalculate_from``: (first day of
    the new process, reason) points; by default the area's configured ones
    (``recalculations.for_chart``). Limits start afresh at the first period shown that
    starts on or after each date; the trajectory uses the latest segment only."""
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
    problem = ""
    if recalculate_from is None:
        recalculate_from, problem = recalculations.for_chart(figures.areas, measure)
    reasons: dict[int, str] = {}
    for start, reason in recalculate_from:
        at = next((i for i, p in enumerate(kept) if p.start >= start), None)
        if at is not None and at > 0:
            reasons[at] = "; ".join(r for r in (reasons.get(at, ""), reason) if r)
    chart = xmr(values, improvement=polarity, target=target, recalculate_at=sorted(reasons))
    figure = spc_figure(id, caption, labels, chart, y_title, unit,
                        f"{y_title.lower()}", counts=columns, reasons=reasons)
    if problem:
        figure.notes.append(f"The recalculation points could not be read: {problem}.")
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
        latest = chart.segments[-1].start if chart.segments else 0
        figure.notes.append(trajectory_note(dated[latest:], target, polarity, unit))
    return figure


def trajectory_note(dated: list[tuple[date, float]], target: float, polarity: str,
                    unit: str, months: int = 12) -> str:
    """When the target would be reached if the recent trend went on, but only when the
    trend is significant: the slope's 95% confidence interval (slope ± t(0.975, n-2) ×
    its standard error) excludes 0. Otherwise it says the trend is not significant."""
    fit = trajectory(dated, k=months, target=target, improvement=polarity)
    if fit is None or fit.slope_standard_error is None:
        return "Too few points to estimate a trajectory."
    per_month = fit.slope_per_day * 365.25 / 12
    spread = t_975(fit.n - 2) * fit.slope_standard_error * 365.25 / 12
    trend = (f"Over the last {fit.n} points the trend is {per_month:+.1f} points a month "
             f"(give or take {spread:.1f})")
    if abs(per_month) <= spread:
        return (f"{trend}: the trend is not statistically significant (its 95% interval "
                "includes no change), so no trajectory to the target is shown.")
    goal = f"{target:g}{unit}"
    if fit.target_date is None:
        return f"{trend}: at this rate the {goal} target would not be reached."
    return f"{trend}: at this rate the {goal} target would be reached in {fit.target_date:%B %Y}."
