"""The published-outcomes stream: each series of ``benchmarks.outcomes`` registered as a
family, one measure per characteristic (``ks2_rwm_expected_ehc_plan``), so a plan's areas
(5: standards and progress; 9: reviewing outcomes) link to them like any other measure.

These are other bodies' published statistics (DfE, MoJ, Ofsted; Open Government
Licence): every audience sees them as published (``Family.published``), not controlled
again. A family is a stock: on a date it is the latest published period that had ended
by then (the 2022/23 KS2 figure from 31 August 2023). One area at a time: published
percentages of several LAs cannot be added up, so a footprint of many has no value.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from sendassure.benchmarks.outcomes.series import (
    ACADEMIC,
    CALENDAR,
    FINANCIAL,
    SERIES,
    Series,
)
from sendassure.kpis.disclosure import Rules
from sendassure.kpis.periods import ACADEMIC_YEAR, CALENDAR_YEAR, FINANCIAL_YEAR
from sendassure.kpis.results import Result

from .registry import STOCK, DataCurrency, Family, Measure, Stream, register, register_stream

STREAM = "outcomes"
_KINDS = {ACADEMIC: ACADEMIC_YEAR, FINANCIAL: FINANCIAL_YEAR, CALENDAR: CALENDAR_YEAR}


def period_end(period: str) -> date | None:
    """The last day of a published period: 2022/23 -> 31 Aug 2023, 2021-22 -> 31 Mar 2022,
    2022 -> 31 Dec 2022, an inspection's date -> itself."""
    if m := re.fullmatch(r"(\d{4})/(\d{2})", period):
        return date(int(m[1]) + 1, 8, 31)
    if m := re.fullmatch(r"(\d{4})-(\d{2})", period):
        return date(int(m[1]) + 1, 3, 31)
    if re.fullmatch(r"\d{4}", period):
        return date(int(period), 12, 31)
    try:
        return date.fromisoformat(period)
    except ValueError:
        return None


def slug(characteristic: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", characteristic.lower()).strip("_")


def output(series: Series, characteristic: str, part: str = "") -> str:
    return f"{series.name}_{slug(characteristic)}{part}"


# measure name -> (series name, characteristic), for the values (not their counts)
PUBLISHED_AS: dict[str, tuple[str, str]] = {
    output(series, c): (series.name, c) for series in SERIES.values()
    for c in series.characteristics}


def published_as(measure: str) -> tuple[str, str] | None:
    """The series and characteristic a published-outcome measure shows, or None."""
    return PUBLISHED_AS.get(measure)


def latest_period(periods, on: date) -> str | None:
    """The latest of the published ``periods`` that had ended by ``on`` (the one a
    family's figure on that date is for)."""
    ended = [(end, p) for p in periods if (end := period_end(p)) is not None and end <= on]
    return max(ended)[1] if ended else None


def _has_counts(series: Series) -> tuple[bool, bool]:
    """(numerator published, denominator published) for the series' tables."""
    from sendassure.benchmarks.outcomes.layouts import TABLES

    specs = [t for t in TABLES if t.series == series.name]
    if series.name == "tribunal_appeal_rate":
        return True, True
    return (any(t.numerator for t in specs), any(t.denominator for t in specs))


# -- the stream --------------------------------------------------------------------------------
def _inputs(areas: Sequence[str]) -> dict[str, list[dict]]:
    from sendassure.benchmarks.models import PublishedOutcome

    if len(areas) != 1:
        return {}
    rows: dict[str, list[dict]] = {}
    for row in PublishedOutcome.objects.filter(la_code=areas[0]).values(
            "series", "period", "characteristic", "value", "numerator", "denominator"):
        rows.setdefault(row["series"], []).append(row)
    return rows


def _currency(areas: Sequence[str]) -> DataCurrency:
    from sendassure.benchmarks.models import PublishedOutcome

    ends = [period_end(p) for p in PublishedOutcome.objects.filter(
        la_code__in=list(areas)).values_list("period", flat=True).distinct()]
    ends = [e for e in ends if e is not None]
    if not ends:
        return DataCurrency(None, None)
    return DataCurrency(date(min(ends).year - 1, 9, 1), max(ends), "published statistics")


def _version(areas: Sequence[str]) -> str:
    from sendassure.benchmarks.outcomes.loading import VERSION_KEY
    from sendassure.core import versions

    return versions.current([VERSION_KEY])


def _areas() -> list[str]:
    from sendassure.benchmarks.models import PublishedOutcome

    return sorted(set(PublishedOutcome.objects.exclude(la_code="").values_list(
        "la_code", flat=True)))


register_stream(Stream(STREAM, "Published outcomes (DfE, MoJ, Ofsted)", _inputs, _currency,
                       _version, _areas))


# -- a family per series ---------------------------------------------------------------------
def _number(value, whole: bool):
    if value is None:
        return None
    if whole or float(value).is_integer():
        return int(round(value))
    return Decimal(repr(float(value)))


def _family(series: Series) -> Family:
    has_num, has_den = _has_counts(series)
    names: list[str] = []
    measures: list[Measure] = []
    for characteristic in series.characteristics:
        value = output(series, characteristic)
        num = output(series, characteristic, "_num") if has_num else None
        den = output(series, characteristic, "_den") if has_den else None
        names += [n for n in (value, num, den) if n]
        unit = "percent" if series.unit == "percent" else series.unit
        measures.append(Measure(
            value, f"{series.label}: {characteristic}", unit, series.polarity,
            f"{series.definition} Characteristic: {characteristic}. Source: {series.source}.",
            num if unit == "percent" else None, den))
        if num:
            measures.append(Measure(num, f"{series.label}: {characteristic} (numerator)",
                                    "count", "neither", "The published count the "
                                    "percentage is of the denominator."))
        if den:
            measures.append(Measure(den, f"{series.label}: {characteristic} (denominator)",
                                    "count", "neither", "The published count of pupils, "
                                    "decisions or children the value is for."))
    result = dataclasses.make_dataclass(
        "".join(w.title() for w in series.name.split("_")),
        [(n, object, dataclasses.field(default=None)) for n in names],
        bases=(Result,), frozen=True)
    counts = {n for n in names if n.endswith(("_num", "_den"))}

    def population(inputs, on: date) -> list[dict]:
        """The rows of the latest published period that had ended by ``on``."""
        rows = inputs.get(series.name, ())
        latest = latest_period({r["period"] for r in rows}, on)
        return [r for r in rows if r["period"] == latest] if latest else []

    def summarise(rows: list[dict]):
        values = {}
        for r in rows:
            if r["characteristic"] not in series.characteristics:
                continue
            values[output(series, r["characteristic"])] = _number(r["value"], False)
            for part, key in (("_num", "numerator"), ("_den", "denominator")):
                name = output(series, r["characteristic"], part)
                if name in counts:
                    values[name] = _number(r[key], True)
        return result(**values)

    return Family(
        name=series.name, title=series.label, stream=STREAM, kind=STOCK,
        period_kind=_KINDS.get(series.period_kind, ACADEMIC_YEAR),
        definition=(f"{series.definition} As published by {series.source}; on a date, the "
                    f"latest published period that had ended by then."),
        population=population, summarise=summarise, result=result, rules=Rules(),
        measures=tuple(measures), statutory_section=False, published=True,
        exclusions="None: values are kept as published, symbols as missing values.")


for _series in SERIES.values():
    register(_family(_series))
