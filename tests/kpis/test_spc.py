"""XmR worked examples. Baseline used throughout: 12 points alternating 12, 10:
mean 11, every moving range 2, so mean MR 2, limits 11 ± 2.66 × 2 = 5.68 and 16.32;
2-sigma lines 11 ± 5.32 × 2/3 = 7.453 and 14.547."""

import pytest

from sendassure.kpis.spc import (
    CONSISTENTLY_FAILS,
    CONSISTENTLY_MEETS,
    HIT_AND_MISS,
    xmr,
)

BASE = [12, 10] * 6


def rules_at(chart):
    return {p.index: p.rules for p in chart.points if p.rules}


def test_limits_and_common_cause():
    chart = xmr(BASE, improvement="up")
    seg = chart.segments[0]
    assert seg.mean == pytest.approx(11)
    assert seg.mean_moving_range == pytest.approx(2)
    assert seg.upper_process_limit == pytest.approx(16.32)
    assert seg.lower_process_limit == pytest.approx(5.68)
    assert seg.upper_two_sigma == pytest.approx(14.5467, abs=1e-4)
    assert rules_at(chart) == {}
    assert chart.variation_icon == "common_cause"
    assert chart.points[0].moving_range is None and chart.points[1].moving_range == 2


def test_fewer_than_twelve_points_is_a_run_chart():
    chart = xmr(BASE[:11], improvement="up", target=5)
    assert chart.segments[0].upper_process_limit is None
    assert chart.variation_icon is None and chart.assurance is None
    assert "fewer than 12" in chart.notes[0]
    assert all(p.variation == "" for p in chart.points)


def test_point_outside_the_limits():
    chart = xmr([*BASE, 17], improvement="up", baseline=12)
    assert rules_at(chart) == {12: ("outside",)}
    assert chart.variation_icon == "special_cause_improving"
    assert xmr([*BASE, 17], improvement="down", baseline=12).variation_icon == (
        "special_cause_concerning")
    assert xmr([*BASE, 5], improvement="up", baseline=12).variation_icon == (
        "special_cause_concerning")
    assert xmr([*BASE, 17], baseline=12).variation_icon == "special_cause_neither"


def test_shift_of_seven_flags_every_point():
    base = BASE  # ends on 10, below the mean, so the run starts at index 12
    seven = xmr([*base, 12, 12, 12, 12, 12, 12, 12], improvement="up", baseline=12)
    assert rules_at(seven) == {i: ("shift",) for i in range(12, 19)}
    six = xmr([*base, 12, 12, 12, 12, 12, 12], improvement="up", baseline=12)
    assert rules_at(six) == {}


def test_point_on_the_mean_breaks_a_run():
    base = [10, 12] * 6
    chart = xmr([*base, 12, 12, 12, 11, 12, 12, 12, 12], improvement="up", baseline=12)
    assert rules_at(chart) == {}


def test_trend_of_seven():
    # base ends on 12; then 8 (a fall) and six rises: 7 rising points at indices 12-18,
    # all inside the 2-sigma lines; 6 below the mean then one on it, so no shift
    base = [10, 12] * 6
    rising = [8, 8.5, 9, 9.5, 10, 10.5, 11]
    chart = xmr([*base, *rising], improvement="down", baseline=12)
    assert rules_at(chart) == {i: ("trend",) for i in range(12, 19)}
    assert chart.variation_icon == "special_cause_concerning"  # rising, lower is better
    short = xmr([*base, *rising[:6]], improvement="down", baseline=12)
    assert rules_at(short) == {}


def test_two_of_three_close_to_a_limit():
    chart = xmr([*BASE, 15, 11, 15], improvement="up", baseline=12)
    # 15 > 14.547 (2 sigma) but < 16.32: indices 12 and 14 form 2 of 3
    assert rules_at(chart) == {12: ("two_of_three",), 14: ("two_of_three",)}
    assert rules_at(xmr([*BASE, 15, 11, 11], improvement="up", baseline=12)) == {}
    # one high and one low in the window are not on the same side
    assert rules_at(xmr([*BASE, 15, 7, 11], improvement="up", baseline=12)) == {}


def test_assurance():
    assert xmr(BASE, "up", target=20).assurance == CONSISTENTLY_FAILS  # UPL 16.32 < 20
    assert xmr(BASE, "up", target=5).assurance == CONSISTENTLY_MEETS  # LPL 5.68 > 5
    assert xmr(BASE, "down", target=20).assurance == CONSISTENTLY_MEETS
    assert xmr(BASE, "up", target=11).assurance == HIT_AND_MISS
    assert xmr(BASE, "neither", target=11).assurance is None
    assert xmr(BASE, "up").assurance is None


def test_recalculation_point():
    after = [22, 20] * 6  # a new process: mean 21
    single = xmr([*BASE, *after], improvement="up")
    assert rules_at(single)  # one set of limits: the step up is special cause
    split = xmr([*BASE, *after], improvement="up", recalculate_at=[12])
    assert [s.mean for s in split.segments] == [pytest.approx(11), pytest.approx(21)]
    assert split.segments[1].upper_process_limit == pytest.approx(26.32)
    assert rules_at(split) == {}
    assert split.points[12].moving_range is None  # no moving range across the change
    # a recalculation with too few points after it: that segment is a run chart
    short = xmr([*BASE, 22, 20, 22], improvement="up", recalculate_at=[12])
    assert short.segments[0].has_limits and not short.segments[1].has_limits
    assert short.variation_icon is None and "points 13 to 15" in short.notes[0]


def test_no_points():
    chart = xmr([])
    assert chart.points == () and chart.variation_icon is None
