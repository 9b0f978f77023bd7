"""Headline tiles: a page's few key figures, each with its unit, the counts behind a
percentage, England's published value, the plan's target and the direction of travel
since the same period a year before.

Every number is the figures service's (controlled for aggregate roles: a tile shows the
same texts, numerator and denominator the service gives, and no direction when either
year's value is not shown); England's values are DfE's published ones.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from sendassure.benchmarks.queries import ALL_PLANS, england_values
from sendassure.figures.registry import FLOW
from sendassure.figures.registry import measure as registered
from sendassure.figures.service import Figure
from sendassure.kpis import periods as P

from .common import View, status_note

TIMELINESS = ("timeliness_20_week", ALL_PLANS)  # DfE's published sources of England's values
CASELOAD = ("caseload", "All EHC plans")
UNITS = {"percent": "per cent", "weeks": "weeks", "count": "number",
         "working_days": "working days"}


@dataclass(frozen=True)
class Tile:
    """What a page shows as a headline: a measure, where DfE publishes England's value
    (benchmark source and breakdown topic, or None) and the target when the area's plan
    sets none."""

    measure: str
    england: tuple[str, str] | None = None
    target: float | None = None


@dataclass
class Shown:
    name: str
    label: str
    value: str  # with its unit: "42.9%", "18.4 weeks", "1,204"
    unit: str  # per cent, weeks, number
    period: str  # "In 2024", "On 31 Dec 2024"
    counts: str = ""  # "Issued within 20 weeks: 3 of 7" beside a percentage
    note: str = ""  # partial or no data
    england: str = ""
    target: str = ""
    change: str = ""
    direction: str = ""  # better, worse, no change, or "" (not judged)
    lines: list[str] = field(default_factory=list)


def _year_before(view: View, period: P.Period) -> P.Period:
    if period.kind == P.POINT_IN_TIME:  # a month end a year earlier: a published date
        return P.point(P.month_end(P.add_months(period.end.replace(day=1), -12)))
    return P.calendar_year(period.start.year - 1)


def _number(value: Decimal | int | float, symbol: str) -> str:
    text = f"{value:,}" if isinstance(value, int) else f"{Decimal(str(value)):,}"
    return f"{text}{symbol}"


def _plain(value) -> Decimal | int:
    """80.0 -> 80, 82.5 -> 82.5 (a target as people write it)."""
    number = Decimal(str(value))
    return int(number) if number == number.to_integral_value() else number.normalize()


def _england(spec: Tile, view: View) -> str:
    if spec.england is None or len(view.areas) != 1:
        return ""
    source, topic = spec.england
    england = england_values(spec.measure, source, topic)
    if not england:
        return ""
    year, value = england[-1]
    return f"England {_number(value, registered(spec.measure).symbol)} " \
           f"in {year} (DfE published)"


def _counts(figure: Figure) -> str:
    m = figure.measure
    if m.unit != "percent" or not m.numerator or not m.denominator:
        return ""
    if not figure.numerator_text and not figure.denominator_text:
        return ""
    return (f"{registered(m.numerator).label}: {figure.numerator_text} of "
            f"{figure.denominator_text}")


def tiles(view: View, specs: tuple[Tile, ...]) -> list[Shown]:
    targets = view.targets
    out = []
    for spec in specs:
        m = registered(spec.measure)
        period = view.year_period() if _is_flow(m) else view.stock_period()
        now = view.figures.figure(spec.measure, period)
        shown = Shown(name=m.name, label=m.label, value=now.display,
                      unit=UNITS.get(m.unit, m.unit),
                      period=(f"On {P.long_date(period.end)}" if period.is_point
                              else f"In {period.label}"),
                      counts=_counts(now), note=status_note(now))
        shown.england = _england(spec, view)
        target, by = targets.get(spec.measure, (spec.target, None))
        if target is not None:
            shown.target = f"Target {_number(_plain(target), m.symbol)}" + (
                f" by {P.long_date(by)}" if by else "")
            if now.value is not None and m.polarity in ("up", "down"):
                met = now.value >= Decimal(str(target)) if m.polarity == "up" \
                    else now.value <= Decimal(str(target))
                shown.target += ": met" if met else ": not yet met"
        before_period = _year_before(view, period)
        before = view.figures.figure(spec.measure, before_period)
        if now.value is not None and before.value is not None and not now.partial:
            change = now.value - before.value
            unit = " percentage points" if m.unit == "percent" else m.symbol
            where = (P.long_date(before_period.end) if before_period.is_point
                     else before_period.label)
            if change == 0:
                shown.change, shown.direction = f"No change on {where}", "no change"
            else:
                shown.change = (f"{'Up' if change > 0 else 'Down'} "
                                f"{_number(abs(change), '')}{unit} on {where}")
                if m.polarity in ("up", "down"):
                    shown.direction = ("better" if (change > 0) == (m.polarity == "up")
                                       else "worse")
        out.append(shown)
    return out


def _is_flow(m) -> bool:
    from sendassure.figures.registry import FAMILIES

    return FAMILIES[m.family].kind == FLOW
