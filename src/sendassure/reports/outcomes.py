"""The pack's published-outcomes block: a plan measure that is a published outcome
(areas 5 and 9 link them) is shown over its published periods beside the region,
England and the statistical neighbours (median and range), with the gap to pupils with
no SEN, the direction of travel and a chart. Only periods that had ended by the date the
figures are known on appear, so a pack for an earlier review shows what was then known.
Values are other bodies' published statistics, shown as published (ADR 0009)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sendassure.benchmarks.authorities import name_of, region_of
from sendassure.benchmarks.outcomes.queries import Compared, comparison, direction
from sendassure.benchmarks.outcomes.series import SERIES
from sendassure.charts.figure import Figure
from sendassure.charts.outcomes import UNITS, outcome_figures, text
from sendassure.figures.outcomes import latest_period, period_end, published_as


@dataclass
class PublishedOutcome:
    series: str
    label: str  # the series' label
    characteristic: str
    area_name: str
    region_name: str
    source: str
    unit: str  # "%" or ""
    direction: str  # improving, getting worse, no change, up, down or ""
    rows: list[Compared]  # this characteristic, oldest period first
    figure: Figure | None
    now_period: str  # the published period the figure on the date is for

    def shown(self, value) -> str:
        return "" if value is None else text(value) + self.unit

    @staticmethod
    def gap(value) -> str:
        """A gap as a signed number (percentage points for percentages, else the
        measure's units)."""
        return "" if value is None else ("+" if value > 0 else "") + text(value)

    @property
    def sentence(self) -> str:
        latest = self.rows[-1] if self.rows else None
        if latest is None:
            return f"No {self.label.lower()} had been published for {self.area_name}."
        parts = [f"{self.area_name} {self.shown(latest.value) or 'not published'} in "
                 f"{latest.period}"]
        parts += [f"{who} {self.shown(v)}" for who, v in (
            (self.region_name or "region", latest.region), ("England", latest.england),
            ("neighbours' median", latest.neighbours_median)) if v is not None]
        out = parts[0] + (" (" + ", ".join(parts[1:]) + ")" if len(parts) > 1 else "") + "."
        if self.direction:
            out += f" Direction of travel: {self.direction}."
        return out


def published_outcome(measure: str, la: str, on: date) -> PublishedOutcome | None:
    """The block for ``measure`` (a published-outcome value) for ``la``, as published by
    ``on``; None when ``measure`` is not a published outcome."""
    found = published_as(measure)
    if found is None:
        return None
    name, characteristic = found
    series = SERIES[name]
    known = [r for r in comparison(name, la)
             if (end := period_end(r.period)) is not None and end <= on]
    mine = [r for r in known if r.characteristic == characteristic]
    figures = outcome_figures(la, name, (characteristic,), rows=known) if len(mine) > 1 else []
    return PublishedOutcome(
        series=name, label=series.label, characteristic=characteristic,
        area_name=name_of(la), region_name=region_of(la),
        source=series.source, unit=UNITS.get(series.unit, ""),
        direction=direction(name, known, characteristic), rows=mine,
        figure=figures[0] if figures else None,
        now_period=latest_period({r.period for r in mine}, on) or "")
