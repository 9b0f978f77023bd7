"""The actual value of a plan measure, taken live from the KPI engine.

A ``MeasureLink`` names a catalogue KPI (``section`` + ``kpi``, the DfE output name) and
optionally a ``breakdown`` ``dimension=value`` (timeliness only, dimensions of
``sendassure.kpis.breakdowns.DIMENSIONS``). The computation is pure: it reads the link's
fields and the case frames (``sendassure.casework.measures.case_frames(areas)``, built by
the caller for the plan's area) and nothing else.

- ``actual(link, frames, on)``: the value for the calendar year of ``on`` as known on
  ``on`` (point-in-time sections, open_assessments and caseload, as at ``on``).
- ``series(link, frames, months, on)``: monthly values for the ``months`` calendar months
  ending with the month of ``on``, each month as known at its end (or on ``on`` if
  earlier): timeliness by month of issue (no breakdown), open_assessments and caseload
  at each month end. Other measures (decisions, not_to_issue, annual_reviews,
  phase_transfers, or any breakdown) are yearly: one point per calendar year touched
  by those months, each as known at the year's end (or on ``on``).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import polars as pl

from sendassure.casework.measures import SECTIONS, section_values
from sendassure.kpis.breakdowns import DIMENSIONS, add_months, month_end, timeliness_by
from sendassure.kpis.timeliness import timeliness_between

Value = Decimal | int | None

#: The KPI catalogue the plan may link to: section -> output names, taken from the KPI
#: engine's result dataclasses (kpis.md sections 1.1 to 1.7).
CATALOGUE: dict[str, tuple[str, ...]] = {
    section: tuple(f.name for f in dataclasses.fields(result))
    for section, (result, _) in SECTIONS.items()
}
POINT_IN_TIME = ("open_assessments", "caseload")
BREAKDOWN_SECTIONS = ("timeliness",)


def section_of(kpi: str) -> str | None:
    """The section holding ``kpi`` (names are unique across sections)."""
    return next((s for s, names in CATALOGUE.items() if kpi in names), None)


def parse_breakdown(text: str) -> tuple[str, str] | None:
    """``"primary_need=ASD"`` -> ("primary_need", "ASD"); None if not of that form."""
    dimension, sep, value = (text or "").partition("=")
    if not sep or dimension.strip() not in DIMENSIONS or not value.strip():
        return None
    return dimension.strip(), value.strip()


def _is_count(section: str, kpi: str) -> bool:
    result = SECTIONS[section][0]
    return next(f for f in dataclasses.fields(result) if f.name == kpi).type in (int, "int")


def value_for(section: str, kpi: str, breakdown: str, frames, year: int, as_of: date) -> Value:
    """One KPI for calendar ``year`` as known on ``as_of``."""
    if section not in CATALOGUE or kpi not in CATALOGUE[section]:
        raise ValueError(f"{section}.{kpi} is not in the KPI catalogue")
    if breakdown:
        parsed = parse_breakdown(breakdown)
        if parsed is None or section not in BREAKDOWN_SECTIONS:
            raise ValueError(f"breakdown {breakdown!r} is not supported for {section}")
        dimension, wanted = parsed
        table = timeliness_by(frames.requests, dimension, year, as_of)
        row = table.filter(pl.col(dimension) == wanted)
        if row.height == 0:  # nobody in that group: counts are 0, rates have no value
            return 0 if _is_count(section, kpi) else None
        return row[kpi][0]
    return section_values(frames, section, year, as_of)[kpi]


def actual(link, frames, on: date) -> Value:
    """The link's KPI for the calendar year of ``on`` as known on ``on``."""
    return value_for(link.section, link.kpi, link.breakdown or "", frames, on.year, on)


@dataclass(frozen=True)
class SeriesPoint:
    start: date
    end: date
    value: Value


def monthly(link) -> bool:
    """Whether ``series`` gives monthly points for this link."""
    if link.section in POINT_IN_TIME:
        return True
    return link.section == "timeliness" and not link.breakdown


def series(link, frames, months: int, on: date) -> list[SeriesPoint]:
    """Monthly (or yearly, see the module docstring) values up to ``on``, oldest first."""
    first = add_months(on.replace(day=1), 1 - months)
    if not monthly(link):
        points = []
        for year in range(first.year, on.year + 1):
            end = min(date(year, 12, 31), on)
            value = value_for(link.section, link.kpi, link.breakdown or "", frames, year, end)
            points.append(SeriesPoint(date(year, 1, 1), date(year, 12, 31), value))
        return points
    points = []
    month = first
    while month <= on:
        end = month_end(month)
        known = min(end, on)
        if link.section == "timeliness":
            result = timeliness_between(frames.requests, month, end, known)
        else:
            result = SECTIONS[link.section][1](frames, month.year, known)
        points.append(SeriesPoint(month, end, getattr(result, link.kpi)))
        month = add_months(month, 1)
    return points

