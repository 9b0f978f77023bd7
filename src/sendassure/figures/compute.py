"""Computing a family's results from its stream's inputs: for a period, as known on a
date, for everyone or one group of a breakdown. The one place a registered family's
population and summary are called.

Knowledge is capped at the data's end: a figure "as known on" a date after ``data_to``
knows only what the data holds. A flow family counts events dated in the period; a
stock family is taken at the period's end, or at the knowledge date if that is earlier.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sendassure.kpis.breakdowns import grouped, in_group
from sendassure.kpis.periods import FINAL, NOT_BEGUN, PARTIAL, Period

from .registry import FLOW, DataCurrency, Family

NO_DATA = "no_data"


@dataclass(frozen=True)
class Knowledge:
    """What a figure may know: the data's span and the date it is asked as known on."""

    currency: DataCurrency
    as_of: date

    @property
    def known(self) -> date | None:
        """The last day whose events are known."""
        if self.currency.data_to is None:
            return None
        return min(self.as_of, self.currency.data_to)

    def status(self, period: Period) -> str:
        """final (the data covers the whole period), partial, or no_data."""
        known = self.known
        if known is None or period.status(known) == NOT_BEGUN:
            return NO_DATA
        start = self.currency.data_from
        if start is not None and period.end < start:
            return NO_DATA
        covered = period.status(known) == FINAL and (start is None or period.start >= start)
        return FINAL if covered else PARTIAL

    def taken_on(self, period: Period) -> date:
        """For a stock family: the date it is taken on."""
        known = self.known
        return period.end if known is None else min(period.end, known)


def population(family: Family, inputs, period: Period, knowledge: Knowledge):
    if family.kind == FLOW:
        known = knowledge.known or period.end
        return family.population(inputs, period.start, period.end, known)
    return family.population(inputs, knowledge.taken_on(period))


def result(family: Family, inputs, period: Period, knowledge: Knowledge, group=None):
    """The family's result for the period; ``group`` = (dimension, value) for one group."""
    rows = population(family, inputs, period, knowledge)
    if group is not None:
        rows = in_group(rows, *group)
    return family.summarise(rows)


def results_by_group(family: Family, inputs, period: Period, knowledge: Knowledge,
                     dimension: str) -> dict:
    """Every group of ``dimension`` present in the period's population, and its result."""
    return grouped(population(family, inputs, period, knowledge), dimension, family.summarise)


__all__ = ["FINAL", "NO_DATA", "PARTIAL", "Knowledge", "population", "result",
           "results_by_group"]
