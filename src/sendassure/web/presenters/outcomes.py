"""The outcomes page: each published series for the area beside its region, England and
its statistical neighbours (median and range), the gap to pupils with no SEN, and the
direction of travel; every chart with its table and CSV (charts.outcomes draws them)."""

from __future__ import annotations

from sendassure.benchmarks.outcomes.queries import comparison, direction
from sendassure.benchmarks.outcomes.series import SERIES
from sendassure.charts.outcomes import UNITS, outcome_figures, text


def summary(la: str, names: list[str]) -> list[dict]:
    """The latest published period of each series, one row per characteristic."""
    out = []
    for name in names:
        rows = comparison(name, la)
        if not rows:
            continue
        latest = rows[-1].period
        for r in (r for r in rows if r.period == latest):
            out.append({
                "series": name, "label": SERIES[name].label, "period": r.period,
                "characteristic": r.characteristic, "value": text(r.value),
                "reason": r.reason, "note": r.note, "region": text(r.region),
                "england": text(r.england),
                "neighbours": text(r.neighbours_median),
                "range": (f"{text(r.neighbours_low)} to {text(r.neighbours_high)}"
                          if r.neighbours_count else ""),
                "gap": text(r.gap), "direction": direction(name, rows, r.characteristic),
                "unit": UNITS.get(SERIES[name].unit, ""),
            })
    return out


def figures(la: str, name: str) -> list:
    """One line chart per characteristic of the series (charts.outcomes)."""
    return outcome_figures(la, name)


def redress_rows(la: str, controlled: bool) -> tuple[list[dict], str]:
    """Mediation and tribunal appeals recorded on the area's SEN2 requests, by calendar
    year received (figures service family ``redress``; controlled for aggregate roles),
    and the data's currency: the local companion of the published appeal rate."""
    from sendassure.figures.service import figures_for
    from sendassure.kpis import periods as P

    figures = figures_for([la], controlled=controlled)
    currency = figures.currency
    if currency.data_to is None or currency.data_from is None:
        return [], ""
    out = []
    for year in P.between(P.CALENDAR_YEAR, currency.data_from, figures.as_of):
        found = figures.family("redress", year)
        out.append({"year": year.label + (" (partial)" if found["redress_requests"].status
                                          == "partial" else ""),
                    **{k: f.display for k, f in found.items()}})
    return out, currency.describe()
