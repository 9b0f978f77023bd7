"""A plan measure's figures, all from the figures service: "now", its baseline, its trend.

A ``MeasureLink`` names a registered measure (``kpi``, its DfE name; ``section``, its
family), optionally one group of a breakdown (``dimension=value``), the kind of period
its "now" is for (``period_kind``), and its baseline as a value typed into the plan for
a stated period (``baseline_value`` for ``baseline_period``).

- "now" on a date: for a flow measure, the latest complete period of the link's kind
  (rolling 12 months by default; a calendar year for a breakdown, as aggregate audiences
  see breakdowns only for complete years); for a stock measure, the date itself.
- the baseline: the figure for ``baseline_period``, beside the typed value; a typed
  value that differs from the records' figure for that period is flagged.
- the trend: the 24 months (flows) or month ends (stocks) to the date, and the 8
  quarters (3-month increments).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sendassure.figures.registry import FAMILIES, FLOW, MEASURES
from sendassure.figures.service import Figure, FigureSet
from sendassure.kpis import periods as P

TREND_MONTHS = 24
QUARTERS = 8


def catalogue() -> dict[str, tuple[str, ...]]:
    """The measures a plan may link to: family (section) -> measure names."""
    return {name: tuple(m.name for m in f.measures) for name, f in FAMILIES.items()}


def section_of(kpi: str) -> str | None:
    found = MEASURES.get(kpi)
    return found.family if found else None


def parse_breakdown(text: str, section: str) -> tuple[str, str] | None:
    """``"primary_need=ASD"`` -> ("primary_need", "ASD") when the family can be broken
    down by that dimension; None otherwise."""
    dimension, sep, value = (text or "").partition("=")
    family = FAMILIES.get(section)
    if not sep or family is None or dimension.strip() not in family.breakdowns:
        return None
    return (dimension.strip(), value.strip()) if value.strip() else None


def is_flow(link) -> bool:
    return FAMILIES[link.section].kind == FLOW


def kind_of(link) -> str:
    """The kind of period the link's "now" is for."""
    if not is_flow(link):
        return P.POINT_IN_TIME
    if link.period_kind:
        return link.period_kind
    return P.CALENDAR_YEAR if link.breakdown else P.ROLLING_12


def now_period(link, on: date) -> P.Period:
    kind = kind_of(link)
    return P.point(on) if kind == P.POINT_IN_TIME else P.latest_complete(kind, on)


def now(link, figures: FigureSet) -> Figure:
    """The link's figure for its "now" period as the figure set knows it."""
    known = figures.knowledge.known or figures.as_of
    return figures.figure(link.kpi, now_period(link, known), link.breakdown or "")


def baseline(link, figures: FigureSet) -> Figure | None:
    """The records' figure for the baseline's stated period (None without one)."""
    if not link.baseline_period:
        return None
    period = P.parse(link.baseline_period)
    if not is_flow(link) and not period.is_point:
        period = P.point(period.end)
    return figures.figure(link.kpi, period, link.breakdown or "")


def baseline_check(link, computed: Figure | None) -> str:
    """A sentence when the typed baseline disagrees with the records' figure, else ""."""
    if link.baseline_value is None or computed is None or computed.value is None:
        return ""
    if Decimal(computed.value) == Decimal(link.baseline_value):
        return ""
    return (f"The baseline typed into the plan ({link.baseline_value}) differs from the "
            f"records' figure for {computed.period.label} ({computed.display}).")


def trend_periods(link, on: date, months: int = TREND_MONTHS) -> list[P.Period]:
    """The months (flows) or month ends (stocks) up to ``on``, oldest first."""
    first = P.add_months(on.replace(day=1), 1 - months)
    kind = P.MONTH if is_flow(link) else P.POINT_IN_TIME
    return P.between(kind, first, on)


def quarter_periods(link, on: date, count: int = QUARTERS) -> list[P.Period]:
    """The quarters (3-month increments) up to ``on``: for a stock, each quarter's end."""
    last = P.containing(P.QUARTER, on)
    first = P.add_months(last.start, -3 * (count - 1))
    quarters = P.between(P.QUARTER, first, on)
    if is_flow(link):
        return quarters
    return [P.point(min(q.end, on)) for q in quarters]
