from decimal import Decimal

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from sendassure.kpis.disclosure import (
    DECISIONS,
    TIMELINESS,
    disclose_frame,
    disclose_result,
    suppress,
    suppress_grid,
)


def test_grid_worked_example():
    # cells          row totals 33, 50, 13; column totals 11, 28, 57; grand total 96
    #   3 10 20
    #   8 12 30
    #   0  6  7
    # primary: 3. row 0 then has one hidden cell -> next smallest, 10; column 0 -> 8;
    # column 1 -> 6; row 1 -> 12; row 2 -> 7; column 2 -> 20. Zero stays 0.
    assert suppress_grid([[3, 10, 20], [8, 12, 30], [0, 6, 7]]) == [
        ["c", "c", "c", "33"],
        ["c", "c", "30", "50"],
        ["0", "c", "c", "13"],
        ["11", "28", "57", "96"],
    ]


def test_nothing_small_nothing_hidden():
    assert suppress_grid([[5, 0], [10, 20]]) == [["5", "0", "5"], ["10", "20", "30"],
                                                 ["15", "20", "35"]]


def test_small_total_is_hidden_too():
    # row [2, 0] total 2: both 2s are primary; column 0 (2, 9 -> 11) then hides 9,
    # row 1 (9, 1 -> 10) already has 9 and 1 hidden
    out = suppress_grid([[2, 0], [9, 1]])
    assert out[0] == ["c", "0", "c"]
    assert out[1][:2] == ["c", "c"]


def test_threshold_is_configurable():
    assert suppress_grid([[5, 20]], threshold=10)[0][:2] == ["c", "c"]
    assert suppress_grid([[5, 20]], threshold=5)[0][:2] == ["5", "20"]


def visible_numbers(grid):
    return [int(v) for row in grid for v in row if v != "c"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.integers(0, 30), min_size=1, max_size=4), min_size=1, max_size=4)
       .filter(lambda rows: len({len(r) for r in rows}) == 1))
def test_property_no_small_counts_and_nothing_recoverable(cells):
    out = suppress_grid(cells)
    assert not any(1 <= v <= 4 for v in visible_numbers(out))
    # every row and every column (each with its total) has 0 or at least 2 hidden entries,
    # so no hidden value is the total minus the visible ones
    for line in [*out, *zip(*out, strict=True)]:
        assert sum(v == "c" for v in line) != 1


def test_result_with_unpublished_complement():
    # decided 12, within 10: after 6 weeks = 2 is not shown but would be 12 - 10,
    # so "within" is hidden; refused 6 vs agreed 6 is safe
    shown = disclose_result({
        "requests_received": 20, "requests_decided": 12, "decided_within_6_weeks": 10,
        "pc_decided_within_6_weeks": Decimal("83.3"), "requests_refused": 6,
        "pc_requests_refused": Decimal("50.0"),
    }, DECISIONS)
    assert shown["decided_within_6_weeks"] == "c"
    assert shown["pc_decided_within_6_weeks"] == "c"
    assert shown["requests_refused"] == "6" and shown["pc_requests_refused"] == "50.0"


def test_timeliness_result():
    values = {
        "plans_issued_den": 20, "plans_issued_within_20_weeks": 3,
        "pc_plans_issued_within_20_weeks": Decimal("15.0"), "plans_issued_gt20weeks_ltyear": 10,
        "pc_plans_issued_gt20weeks_ltyear": Decimal("50.0"), "plans_issued_gt_1_year": 7,
        "pc_plans_issued_gt_1_year": Decimal("35.0"), "avg_weeks_issue_plan": Decimal("30.1"),
        "plans_issued_den_ex": 4, "plans_issued_20_weeks_ex": 0,
        "pc_plans_issued_20_weeks_ex": Decimal("0.0"), "plans_issued_gt20weeks_ltyear_ex": 4,
        "pc_plans_issued_gt20weeks_ltyear_ex": Decimal("100.0"), "plans_issued_gt_1_year_ex": 0,
        "pc_plans_issued_gt_1_year_ex": Decimal("0.0"), "avg_weeks_issue_plan_exc": None,
    }
    shown = disclose_result(values, TIMELINESS)
    # 3 within -> c; line 3 + 10 + 7 = 20 then hides the next smallest part, 7
    assert shown["plans_issued_within_20_weeks"] == "c"
    assert shown["plans_issued_gt_1_year"] == "c"
    assert shown["plans_issued_gt20weeks_ltyear"] == "10"
    assert shown["pc_plans_issued_gt20weeks_ltyear"] == "50.0"
    assert shown["pc_plans_issued_gt_1_year"] == "c"
    assert shown["avg_weeks_issue_plan"] == "30.1"
    # ex: denominator 4 and its 4 -> c; every ex percentage is c; zeros stay 0
    assert shown["plans_issued_den_ex"] == "c"
    assert shown["plans_issued_20_weeks_ex"] == "0"
    assert shown["pc_plans_issued_20_weeks_ex"] == "c"
    assert shown["avg_weeks_issue_plan_exc"] == "c"


def test_zero_denominator_shows_z():
    shown = disclose_result({"requests_received": 0, "requests_decided": 0,
                             "decided_within_6_weeks": 0, "pc_decided_within_6_weeks": None,
                             "requests_refused": 0, "pc_requests_refused": None}, DECISIONS)
    assert shown["pc_decided_within_6_weeks"] == "z"
    assert shown["requests_decided"] == "0"


def test_frame_adds_a_total_row_and_protects_columns():
    frame = pl.DataFrame({
        "sex": ["Female", "Male"],
        "requests_received": [12, 30], "requests_decided": [10, 20],
        "decided_within_6_weeks": [5, 15], "pc_decided_within_6_weeks": [Decimal("50.0"),
                                                                         Decimal("75.0")],
        "requests_refused": [2, 8], "pc_requests_refused": [Decimal("20.0"), Decimal("40.0")],
    })
    out = disclose_frame(frame, ["sex"], DECISIONS).to_dicts()
    assert [r["sex"] for r in out] == ["Female", "Male", "Total"]
    # Female refused 2 -> c; its complement (agreed 8) is unpublished so row line is safe;
    # column refused (2, 8 -> 10) would reveal it: Male's 8 is hidden too
    assert out[0]["requests_refused"] == "c" and out[1]["requests_refused"] == "c"
    assert out[2]["requests_refused"] == "10"
    assert out[0]["pc_requests_refused"] == "c"
    assert out[1]["requests_decided"] == "20" and out[2]["requests_decided"] == "30"
    assert out[2]["pc_requests_refused"] == "x"  # ratios of the added total row not computed


def test_suppress_skips_lines_with_missing_members():
    assert suppress({"a": 2, "b": None, "t": None}, [(("a", "b"), "t")]) == {"a"}


def test_two_hidden_cells_summing_to_two_are_protected():
    # 1 + 1 + 98 = 100: with only the two 1s hidden, their sum 2 gives each away
    # (a hidden count is at least 1); a third cell must be hidden with them
    hidden = suppress({"a": 1, "b": 1, "c": 98, "t": 100}, [(("a", "b", "c"), "t")])
    assert hidden == {"a", "b", "c"}


def test_excluding_exceptions_cannot_give_the_exceptions_away():
    # 761 within 20 weeks beside 759 excluding exceptions: 2 exceptions within 20 weeks
    values = {
        "plans_issued_den": 2000, "plans_issued_within_20_weeks": 761,
        "pc_plans_issued_within_20_weeks": Decimal("38.1"),
        "plans_issued_gt20weeks_ltyear": 1000, "pc_plans_issued_gt20weeks_ltyear": Decimal("50.0"),
        "plans_issued_gt_1_year": 239, "pc_plans_issued_gt_1_year": Decimal("12.0"),
        "avg_weeks_issue_plan": Decimal("30.0"), "plans_issued_den_ex": 1980,
        "plans_issued_20_weeks_ex": 759, "pc_plans_issued_20_weeks_ex": Decimal("38.3"),
        "plans_issued_gt20weeks_ltyear_ex": 985,
        "pc_plans_issued_gt20weeks_ltyear_ex": Decimal("49.7"),
        "plans_issued_gt_1_year_ex": 236, "pc_plans_issued_gt_1_year_ex": Decimal("11.9"),
        "avg_weeks_issue_plan_exc": Decimal("29.9"),
    }
    shown = disclose_result(values, TIMELINESS)
    pairs = [("plans_issued_within_20_weeks", "plans_issued_20_weeks_ex"),
             ("plans_issued_gt_1_year", "plans_issued_gt_1_year_ex")]
    for whole, ex in pairs:  # differences of 2 and 3: never both shown
        assert "c" in (shown[whole], shown[ex])
    # the 15 exceptions after 20 weeks within a year are safe to work out
    assert shown["plans_issued_den"] == "2000"


def test_nested_backlog_bands_are_protected():
    from sendassure.kpis.disclosure import OPEN_ASSESSMENTS

    shown = disclose_result({"open_total": 500, "open_over_20_weeks": 200,
                             "open_over_30_weeks": 198, "open_over_52_weeks": 90,
                             "due_to_breach_4_weeks": 40}, OPEN_ASSESSMENTS)
    # 200 over 20 weeks and 198 over 30: 2 cases between 20 and 30 weeks
    assert "c" in (shown["open_over_20_weeks"], shown["open_over_30_weeks"])


def _timeliness_values(within, middle, over, within_x, middle_x, over_x):
    from sendassure.kpis.percent import percent

    den, den_x = within + middle + over, within_x + middle_x + over_x
    return {
        "plans_issued_den": den, "plans_issued_within_20_weeks": within,
        "pc_plans_issued_within_20_weeks": percent(within, den),
        "plans_issued_gt20weeks_ltyear": middle,
        "pc_plans_issued_gt20weeks_ltyear": percent(middle, den),
        "plans_issued_gt_1_year": over, "pc_plans_issued_gt_1_year": percent(over, den),
        "avg_weeks_issue_plan": None, "plans_issued_den_ex": den_x,
        "plans_issued_20_weeks_ex": within_x, "pc_plans_issued_20_weeks_ex": None,
        "plans_issued_gt20weeks_ltyear_ex": middle_x,
        "pc_plans_issued_gt20weeks_ltyear_ex": None, "plans_issued_gt_1_year_ex": over_x,
        "pc_plans_issued_gt_1_year_ex": None, "avg_weeks_issue_plan_exc": None,
    }


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 40), min_size=3, max_size=3),
       st.lists(st.integers(0, 6), min_size=3, max_size=3))
def test_property_an_attacker_recovers_no_small_count(parts, exceptions):
    from tests.support.attacker import recovered

    within, middle, over = parts
    excepted = [min(e, p) for e, p in zip(exceptions, parts, strict=True)]
    values = _timeliness_values(within, middle, over,
                                *[p - e for p, e in zip(parts, excepted, strict=True)])
    shown = disclose_result(values, TIMELINESS)
    truth = {k: v for k, v in values.items() if isinstance(v, int)}
    for name, (total, (part,)) in TIMELINESS.complements.items():
        truth[name] = values[total] - values[part]
    assert recovered(shown, TIMELINESS.lines, truth) == {}
