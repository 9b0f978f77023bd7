"""The figures service: the one way any screen, pack, command or API gets a number.

``figures_for(areas, as_of, controlled)`` gives a ``FigureSet`` for one footprint, one
knowledge date and one audience; it answers

- ``figure(measure, period, breakdown)``: one measure, with its numerator, denominator,
  status (final, partial, no_data) and the text to show;
- ``family(name, period, breakdown)``: every measure of a family for a period;
- ``series(measure, periods, breakdown)``: figures for many periods (monthly, quarterly,
  rolling 12 months...), each with its counts;
- ``table(family, period, dimension)``: a breakdown, group by group, with its total.

Dating: the default knowledge date is the data's own end (``data_to``: the latest
return's reference date), never the wall clock. For an aggregate audience the knowledge
date must be a published date (a month end, a review date, or the data's end): any other
day is moved back to the latest published date before it, and the set says so
(``notes``). Aggregate audiences get controlled texts (see ``control``); the exact value
of a controlled-away figure never leaves this module.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sendassure.kpis.breakdowns import DIMENSIONS, all_groups
from sendassure.kpis.disclosure import CONFIDENTIAL, NOT_APPLICABLE, disclose_rows
from sendassure.kpis.periods import (
    CALENDAR_YEAR,
    FINAL,
    Period,
    PeriodError,
    is_published_date,
    long_date,
    published_on_or_before,
)

from . import compute, control, stored
from .memo import Memo
from .registry import FAMILIES, FLOW, STREAMS, DataCurrency, Family, Measure, Withheld, measure

NO_DATA = compute.NO_DATA
UNAVAILABLE = "x"


class FigureError(ValueError):
    """A figure that cannot be asked for (unknown breakdown, wrong period kind...)."""


@dataclass(frozen=True)
class Figure:
    measure: Measure
    areas: tuple[str, ...]
    period: Period
    as_of: date
    breakdown: str  # "" or "dimension=group"
    status: str  # final, partial or no_data
    data_to: date | None
    controlled: bool  # for an aggregate audience
    value: Decimal | int | None  # None: no value, or not shown to this audience
    numerator: int | None
    denominator: int | None
    text: str  # the value as shown: "32.2", "1,204", "c", "z" (no value), "x"
    numerator_text: str = ""
    denominator_text: str = ""

    @property
    def shown(self) -> bool:
        return self.text not in (CONFIDENTIAL, NOT_APPLICABLE, UNAVAILABLE)

    @property
    def display(self) -> str:
        """With its unit: "32.2%", "1,204", "18.4 weeks"; symbols as they are."""
        if not self.shown:
            return self.text
        return f"{self.text}{self.measure.symbol}"

    @property
    def note(self) -> str:
        """"" for a final figure; else what the data covers ("2025 is partial: ...")."""
        if self.status == compute.PARTIAL:
            end = min(self.period.end, self.as_of, self.data_to or self.as_of)
            return (f"{self.period.label} is partial: the data runs to {long_date(end)}")
        if self.status == NO_DATA:
            return f"there is no data for {self.period.label}"
        return ""

    @property
    def partial(self) -> bool:
        return self.status == compute.PARTIAL

    def as_json(self) -> dict:
        """The API's shape: a controlled-away value is the string "c"."""
        def number(value, text):
            if text in (CONFIDENTIAL, UNAVAILABLE):
                return text
            if value is None:
                return None
            return float(value) if isinstance(value, Decimal) else value
        return {
            "measure": self.measure.name, "area": ",".join(self.areas),
            "period": self.period.key, "as_of": self.as_of.isoformat(),
            "value": number(self.value, self.text),
            "numerator": number(self.numerator, self.numerator_text),
            "denominator": number(self.denominator, self.denominator_text),
            "status": self.status,
        }


def _text(value) -> str:
    if value is None:
        return NOT_APPLICABLE
    if isinstance(value, int):
        return f"{value:,}"
    return f"{value}"


# Results and units shared across requests: keyed by the stream's version of the areas,
# so a change to the records makes a new key (and old ones fall out).
_MEMO = Memo(20000)
_remember = _MEMO.get


def forget() -> None:
    _MEMO.clear()


@dataclass
class FigureSet:
    areas: tuple[str, ...]
    as_of: date
    controlled: bool
    currency: DataCurrency
    version: str
    notes: list[str] = field(default_factory=list)
    stream: str = "sen2"  # the stream whose data dates the set
    # other streams' versions, read once per set (a set lives for one request or command)
    _versions: dict = field(default_factory=dict, repr=False)

    @property
    def knowledge(self) -> compute.Knowledge:
        return compute.Knowledge(self.currency, self.as_of)

    # -- exact results ------------------------------------------------------------------
    def _version(self, family: Family) -> str:
        """The version of the family's own inputs (another stream's families, e.g. the
        published outcomes beside the SEN2 figures, change when their own data does)."""
        if family.stream == self.stream:
            return self.version
        if family.stream not in self._versions:
            self._versions[family.stream] = STREAMS[family.stream].version(self.areas)
        return self._versions[family.stream]

    def _knowledge(self, family: Family) -> compute.Knowledge:
        """What a family's figures may know: this set's date, against the span of the
        family's own stream's data (audits or published outcomes are dated by their own
        data, not by the case records the set is dated by)."""
        if family.stream == self.stream:
            return self.knowledge
        key = ("currency", family.stream)
        if key not in self._versions:
            self._versions[key] = _currency(family.stream, self.areas, self._version(family))
        return compute.Knowledge(self._versions[key], self.as_of)

    def _inputs(self, family: Family):
        stream = STREAMS[family.stream]
        return _remember(("inputs", family.stream, self.areas, self._version(family)),
                         lambda: stream.inputs(self.areas))

    def result(self, family: Family, period: Period, group: tuple[str, str] | None = None):
        self._check_period(family, period)
        key = ("result", family.name, self.areas, self._version(family), period,
               self._knowledge(family).known, group)
        return _remember(key, lambda: compute.result(
            family, self._inputs(family), period, self._knowledge(family), group))

    def groups(self, family: Family, period: Period, dimension: str) -> dict:
        self._check_dimension(family, dimension)
        key = ("groups", family.name, self.areas, self._version(family), period,
               self._knowledge(family).known, dimension)
        return _remember(key, lambda: compute.results_by_group(
            family, self._inputs(family), period, self._knowledge(family), dimension))

    def _stored(self, family: Family) -> dict | None:
        """The fact table's rows for this family, when they hold this set's figures: one
        area, known on the data's end, computed from these inputs by this code."""
        if (len(self.areas) != 1 or self.as_of != self.currency.data_to
                or family.stream != self.stream):
            return None
        la = self.areas[0]
        return _remember(("facts", la, family.name, self.version, stored.COMPUTED_BY),
                         lambda: stored.stored(la, family) if stored.fresh(la, self.version)
                         else None)

    def withheld(self, name: str) -> Withheld:
        """The records a validation problem holds back from family ``name``'s figures
        (across all the records held, not one period)."""
        family = FAMILIES[name]
        stream = STREAMS[family.stream]
        if stream.withheld is None or not family.sections or not self.areas:
            return Withheld()
        return _remember(("withheld", name, self.areas, self.version),
                         lambda: stream.withheld(self.areas, family.sections))

    def held_back(self, names) -> list[tuple[str, list[str]]]:
        """(family title, sentences) for each of the families ``names`` that validation
        holds records back from, in this set's audience's words."""
        return [(FAMILIES[name].title, lines) for name in dict.fromkeys(names)
                if (lines := self.withheld(name).sentences(self.controlled))]

    def _status(self, family: Family, period: Period) -> str:
        """final, partial or no_data; a published family's is final when a published
        period had ended by then (its values do not depend on this set's records)."""
        if not family.published:
            return self._knowledge(family).status(period)
        found = self.result(family, period).as_dict()
        return FINAL if any(v is not None for v in found.values()) else NO_DATA

    # -- controlled texts ----------------------------------------------------------------
    def _texts(self, family: Family, period: Period, group: str = "") -> dict[str, str]:
        """Controlled texts of a family's outputs for a period (and one group)."""
        values = self.result(family, period).as_dict()
        status = self._status(family, period)
        if status == NO_DATA:
            return control.unavailable(values)
        if family.published:  # others' published statistics: shown as published
            return {k: _text(v) for k, v in values.items()}
        if group:
            dimension, value = group.split("=", 1)
            if status != FINAL or (family.kind == FLOW and period.kind != CALENDAR_YEAR):
                return control.unavailable(values)
            found = self._breakdown_texts(family, period, dimension).get(value)
            if found is None:  # nobody in the group: zero counts, no rates
                empty = self.result(family, period, (dimension, value)).as_dict()
                return {k: _text(v) for k, v in empty.items()}
            return found
        if family.kind != FLOW:
            key = ("stock-unit", family.name, self.areas, self._version(family), period,
                   self._knowledge(family).known)
            return _remember(key, lambda: disclose_rows({0: values}, family.rules)[0])
        if period.kind in control.UNIT_KINDS:
            return self._year_unit(family, period.start.year)[period]
        months = control.months_of(period)
        texts = {m: (None if self._knowledge(family).status(m) == NO_DATA
                     else self._year_unit(family, m.start.year)[m]) for m in months}
        return control.derived(family, values, texts)

    def _year_unit(self, family: Family, year: int) -> dict:
        key = ("year-unit", family.name, self.areas, self._version(family), year,
               self._knowledge(family).known)
        return _remember(key, lambda: control.year_unit(
            family, year, self._knowledge(family), lambda p: self.result(family, p)))

    def _breakdown_texts(self, family: Family, period: Period, dimension: str) -> dict:
        key = ("breakdown-unit", family.name, self.areas, self._version(family), period,
               self._knowledge(family).known, dimension)
        return _remember(key, lambda: control.breakdown_unit(
            family, self.result(family, period).as_dict(), self._texts(family, period),
            self.groups(family, period, dimension)))

    # -- answers ---------------------------------------------------------------------------
    def family(self, name: str, period: Period, breakdown: str = "") -> dict[str, Figure]:
        """Every measure of family ``name`` for ``period`` (one group with ``breakdown``)."""
        family = FAMILIES[name]
        group = self._parse_breakdown(family, breakdown)
        self._check_period(family, period)
        status = self._status(family, period)
        hit = (self._stored(family) or {}).get((period.key, breakdown))
        if hit is not None:
            result, texts = hit
        elif status == NO_DATA and self.currency.has_data:
            # outside the data the area holds: nothing to compute, nothing to show
            result = dict.fromkeys(family.outputs)
            texts = control.unavailable(result)
        else:
            result = self.result(family, period, group).as_dict()
            texts = self._texts(family, period, breakdown) if self.controlled else None
        if not self.controlled and not (status == NO_DATA and self.currency.has_data):
            texts = {k: _text(v) for k, v in result.items()}
        return {m.name: self._figure(m, period, breakdown, status, result, texts)
                for m in family.measures}

    def figure(self, name: str, period: Period, breakdown: str = "") -> Figure:
        return self.family(measure(name).family, period, breakdown)[name]

    def series(self, name: str, periods: Iterable[Period], breakdown: str = ""
               ) -> list[Figure]:
        return [self.figure(name, p, breakdown) for p in periods]

    def table(self, name: str, period: Period, dimension: str) -> dict[str, dict[str, Figure]]:
        """A breakdown of family ``name``: {group: {measure: figure}}, total under ""."""
        family = FAMILIES[name]
        groups = set(self.groups(family, period, dimension))
        if family.records is not None:  # the groups nobody fell into this time, with zeros
            groups |= set(all_groups(family.records(self._inputs(family)), dimension))
        out = {control.TOTAL: self.family(name, period)}
        for group in sorted(groups):
            out[group] = self.family(name, period, f"{dimension}={group}")
        return out

    def _figure(self, m: Measure, period, breakdown, status, result, texts) -> Figure:
        value = result[m.name]
        num = result.get(m.numerator) if m.numerator else None
        den = result.get(m.denominator) if m.denominator else None
        text = texts[m.name]
        num_text = texts.get(m.numerator, "") if m.numerator else ""
        den_text = texts.get(m.denominator, "") if m.denominator else ""
        if status == NO_DATA and self.controlled:
            text = num_text = den_text = UNAVAILABLE
        if self.controlled:  # what is not shown is not handed on
            value = value if text not in (CONFIDENTIAL, UNAVAILABLE) else None
            num = num if num_text not in (CONFIDENTIAL, UNAVAILABLE) else None
            den = den if den_text not in (CONFIDENTIAL, UNAVAILABLE) else None
        return Figure(m, self.areas, period, self.as_of, breakdown, status,
                      self.currency.data_to, self.controlled, value, num, den, text, num_text,
                      den_text)

    # -- checks --------------------------------------------------------------------------
    def _parse_breakdown(self, family: Family, breakdown: str) -> tuple[str, str] | None:
        if not breakdown:
            return None
        dimension, sep, value = breakdown.partition("=")
        if not sep or not value.strip():
            raise FigureError(f"{breakdown!r}: a breakdown is dimension=value, e.g. sex=Male")
        self._check_dimension(family, dimension.strip())
        return dimension.strip(), value.strip()

    def _check_dimension(self, family: Family, dimension: str) -> None:
        if dimension not in DIMENSIONS or dimension not in family.breakdowns:
            raise FigureError(f"{family.name} cannot be broken down by {dimension!r}; "
                              f"by {', '.join(family.breakdowns) or 'nothing'}")

    def _check_period(self, family: Family, period: Period) -> None:
        if family.kind == FLOW and period.is_point:
            raise FigureError(f"{family.name} counts events over a period, not on one day: "
                              f"ask for a year, quarter or month, not {period.key}")


def _currency(stream: str, areas: tuple[str, ...], version: str) -> DataCurrency:
    """What a stream's data covers for ``areas``: it changes only with the data, so it is
    kept under the data's version (when the version names any data: an unset one says
    nothing about what is held, so the data is read afresh)."""
    return _MEMO.get_for(version, ("currency", stream, areas),
                         lambda: STREAMS[stream].currency(areas))


def figures_for(areas: Sequence[str], as_of: date | None = None, controlled: bool = False,
                review_dates: Iterable[date] = (), stream: str = "sen2") -> FigureSet:
    """A figure set for ``areas``. ``as_of`` defaults to the data's end (``data_to``); an
    aggregate audience (``controlled``) may only see published dates (month ends, the
    review dates given, the data's end) and is moved back to the latest one."""
    areas = tuple(sorted(set(areas)))
    version = STREAMS[stream].version(areas) if areas else ""
    currency = _currency(stream, areas, version) if areas else DataCurrency(None, None)
    notes = []
    chosen = as_of or currency.data_to
    if chosen is None:
        chosen = date(1970, 1, 1)
        notes.append("There is no data for this area yet.")
    elif controlled and not is_published_date(chosen, set(review_dates), currency.data_to):
        published = published_on_or_before(chosen, set(review_dates), currency.data_to)
        notes.append(f"Figures are published at month ends and review dates: showing them as "
                     f"known on {long_date(published)}, not {long_date(chosen)}.")
        chosen = published
    return FigureSet(areas, chosen, controlled, currency, version, notes, stream)


def plain(value):
    """JSON-ready: Decimal -> number (a whole one as an int), date -> ISO text."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() and "." not in str(value) \
            else float(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def areas_with_data(stream: str = "sen2") -> list[str]:
    """Every area the stream holds data for (a footprint of all of them)."""
    return STREAMS[stream].areas()


__all__ = ["Figure", "FigureError", "FigureSet", "PeriodError", "figures_for", "forget"]
