"""Disclosure control that arithmetic cannot undo: everything an aggregate audience can
be shown of a family (every month, quarter, year, rolling window and breakdown, as the
figures service gives it) is handed to an attacker written apart from the product
(``tests.support.attacker``), who knows how the counts add up; it recovers no count from
1 to 4."""

from __future__ import annotations

from datetime import date

import pytest

from sendassure.figures.control import months_of
from sendassure.figures.registry import FAMILIES, FLOW
from sendassure.figures.service import figures_for
from sendassure.ingest.importer import import_sen2
from sendassure.kpis import periods as P
from sendassure.synth import generate_area

from ..support.attacker import recovered

pytestmark = pytest.mark.django_db
KNOWN = date(2024, 12, 31)


@pytest.fixture
def small_area(tmp_path):
    """A small synthetic area: counts of 1 to 4 in most months."""
    for path in generate_area("886", [2023, 2024], 0.01, 11, tmp_path):
        assert import_sen2([path]).status == "stored"


def _cells(family, key, result: dict, texts: dict, published, truth):
    counts = [n for n in family.outputs if n not in family.rules.percentages
              and n not in family.rules.means]
    for name in counts:
        truth[(key, name)] = result[name]
        if texts is not None:
            published[(key, name)] = texts[name]
    for name, (total, parts) in family.rules.complements.items():
        truth[(key, name)] = result[total] - sum(result[p] for p in parts)
    return counts


def _row_lines(family, key):
    return [([(key, p) for p in parts], (key, total)) for parts, total in family.rules.lines]


def test_nothing_published_of_a_flow_family_gives_a_small_count_away(small_area):
    exact = figures_for(["886"], KNOWN)
    shown = figures_for(["886"], KNOWN, controlled=True)
    kinds = (P.MONTH, P.QUARTER, P.CALENDAR_YEAR, P.FINANCIAL_YEAR, P.ACADEMIC_YEAR,
             P.ROLLING_3, P.ROLLING_12)
    small = 0
    for family in (f for f in FAMILIES.values() if f.kind == FLOW):
        published, truth, lines = {}, {}, []
        periods = sorted({p for kind in kinds
                          for p in P.between(kind, date(2023, 1, 1), KNOWN)})
        months = sorted({m for p in periods for m in months_of(p)})
        for period in sorted(set(periods) | set(months)):
            figures = shown.family(family.name, period)
            texts = None if next(iter(figures.values())).text == "x" else {
                name: figures[name].text if name in figures else None
                for name in family.outputs}
            result = exact.result(family, period).as_dict()
            counts = _cells(family, period.key, result, texts, published, truth)
            small += sum(1 <= result[n] <= 4 for n in counts)
            lines += _row_lines(family, period.key)
            if period.kind != P.MONTH:
                lines += [([(m.key, n) for m in months_of(period)], (period.key, n))
                          for n in counts]
        assert recovered(published, lines, truth) == {}, family.name
    assert small > 50  # the area is small enough for the test to mean something


@pytest.mark.parametrize("dimension", ["sex", "primary_need"])
def test_nothing_published_of_a_breakdown_gives_a_small_count_away(small_area, dimension):
    exact = figures_for(["886"], KNOWN)
    shown = figures_for(["886"], KNOWN, controlled=True)
    for family in (f for f in FAMILIES.values() if dimension in f.breakdowns):
        period = P.calendar_year(2024) if family.kind == FLOW else P.point(KNOWN)
        published, truth, lines = {}, {}, []
        table = shown.table(family.name, period, dimension)
        for group, figures in table.items():
            key = group or "total"
            result = (exact.result(family, period) if not group else
                      exact.result(family, period, (dimension, group))).as_dict()
            texts = {name: figures[name].text if name in figures else None
                     for name in family.outputs}
            counts = _cells(family, key, result, texts, published, truth)
            lines += _row_lines(family, key)
        groups = [g for g in table if g]
        lines += [([(g, n) for g in groups], ("total", n)) for n in counts]
        assert recovered(published, lines, truth) == {}, (family.name, dimension)
