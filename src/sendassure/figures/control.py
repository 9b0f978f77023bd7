"""Disclosure control of a family's figures, so that arithmetic cannot undo it.

Aggregate audiences (board, forum, reviewers, the public) see figures controlled in
*units*, each decided once whatever is asked for, so two requests can never be
differenced against each other:

- a flow family's **calendar-year unit**: the year's months, quarters and the year,
  tied by lines (a quarter's counts are the sums of its months'). Months the data does
  not cover are unpublished parts;
- **derived periods** (rolling 3 and 12 months, financial and academic years) are sums
  of months: a count is shown only when every month in it is shown, so they can never
  reveal a hidden month;
- a stock family's unit is one date (counts at different dates do not add up);
- a **breakdown** is published only for a complete calendar year (flows) or one date
  (stocks): its groups add up to the total row, whose cells keep the state they have in
  the total's own unit.

Within each row the family's rules tie its counts together (a measure and its
excluding-exceptions version; totals and parts). ``kpis.disclosure`` hides what must be
hidden until no count from 1 to 4 can be worked out.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from sendassure.kpis.disclosure import CONFIDENTIAL, NOT_APPLICABLE, disclose_rows, show_ratio
from sendassure.kpis.periods import (
    CALENDAR_YEAR,
    MONTH,
    QUARTER,
    Period,
    between,
    calendar_year,
    month,
    quarter,
)

from .compute import NO_DATA, Knowledge

TOTAL = ""  # the group key of a breakdown's total row
UNIT_KINDS = (MONTH, QUARTER, CALENDAR_YEAR)  # controlled in calendar-year units

Results = Mapping[Period, object]  # period -> result dataclass


def months_of(period: Period) -> list[Period]:
    return between(MONTH, period.start, period.end)


def year_rows(year: int) -> tuple[list[Period], list[tuple[list[Period], Period]]]:
    """The periods of one calendar-year unit and the lines from months to the others."""
    months = [month(year, m) for m in range(1, 13)]
    quarters = [quarter(year, q) for q in range(1, 5)]
    lines = [(months[3 * i:3 * i + 3], q) for i, q in enumerate(quarters)]
    lines.append((months, calendar_year(year)))
    return [*months, *quarters, calendar_year(year)], lines


def year_unit(family, year: int, knowledge: Knowledge,
              compute: Callable[[Period], object]) -> dict[Period, dict[str, str]]:
    """The controlled texts of every month, quarter and the year ``year``."""
    periods, lines = year_rows(year)
    rows = {p: compute(p).as_dict() for p in periods}
    unpublished = [p for p in periods if knowledge.status(p) == NO_DATA]
    return disclose_rows(rows, family.rules, lines, unpublished)


def derived(family, values: dict, month_texts: Mapping[Period, dict[str, str] | None]
            ) -> dict[str, str]:
    """Controlled texts of a sum of months: a count only where every month shows it."""
    rules = family.rules
    ratios = set(rules.percentages) | set(rules.means)
    hidden = {name for name in values if name not in ratios and any(
        texts is None or texts.get(name) in (CONFIDENTIAL, None)
        for texts in month_texts.values())}
    shown = {}
    for name, value in values.items():
        if name in rules.percentages:
            num, den = rules.percentages[name]
            shown[name] = show_ratio(value, num in hidden, values[den], den in hidden)
        elif name in rules.means:
            den = rules.means[name]
            shown[name] = show_ratio(value, False, values[den], den in hidden)
        elif name in hidden:
            shown[name] = CONFIDENTIAL
        else:
            shown[name] = f"{value}"
    return shown


def breakdown_unit(family, total_values: dict, total_texts: dict[str, str],
                   groups: Mapping[str, object]) -> dict[str, dict[str, str]]:
    """The groups of one period (and its total, as already published), controlled."""
    rows = {TOTAL: total_values, **{g: r.as_dict() for g, r in groups.items()}}
    ratios = set(family.rules.percentages) | set(family.rules.means)
    settled = {(TOTAL, name): text == CONFIDENTIAL for name, text in total_texts.items()
               if name not in ratios}
    lines = [([g for g in groups], TOTAL)] if groups else []
    texts = disclose_rows(rows, family.rules, lines, settled=settled)
    texts[TOTAL] = dict(total_texts)
    return texts


def unavailable(values: Mapping[str, object]) -> dict[str, str]:
    """Texts for a figure an aggregate audience may not see: ``x`` for everything."""
    return {name: "x" for name in values}


__all__ = ["CONFIDENTIAL", "NOT_APPLICABLE", "TOTAL", "UNIT_KINDS", "breakdown_unit",
           "derived", "months_of", "unavailable", "year_unit"]
