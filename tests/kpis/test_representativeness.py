"""The audit sample's mix against all plans: chi-square, largest gap, small-count warning.

Each statistic is worked by hand in the comments and checked against scipy's own
``scipy.stats.chisquare``.
"""

from __future__ import annotations

import math

import pytest
from scipy.stats import chisquare

from sendassure.kpis.representativeness import chi_square_gof

# 1,000 plans: ASD 400, SEMH 300, SLCN 200, MLD 100 (shares 40%, 30%, 20%, 10%).
POPULATION = {"ASD": 400, "SEMH": 300, "SLCN": 200, "MLD": 100}
# A sample of 50 with no MLD plans at all (MLD left out of the dict).
SAMPLE = {"ASD": 30, "SEMH": 10, "SLCN": 10}


def test_chi_square_worked_by_hand():
    # E = share x 50 = 20, 15, 10, 5
    # X^2 = (30-20)^2/20 + (10-15)^2/15 + (10-10)^2/10 + (0-5)^2/5
    #     = 100/20 + 25/15 + 0 + 25/5 = 5 + 5/3 + 0 + 5 = 35/3 = 11.667, df = 4 - 1 = 3
    result = chi_square_gof(SAMPLE, POPULATION)
    assert result.categories == ("ASD", "SEMH", "SLCN", "MLD")
    assert result.observed == (30, 10, 10, 0)
    assert result.expected == (20.0, 15.0, 10.0, 5.0)
    assert result.statistic == pytest.approx(35 / 3, abs=1e-12)
    assert result.degrees_of_freedom == 3
    scipy = chisquare([30, 10, 10, 0], [20, 15, 10, 5])
    assert result.statistic == pytest.approx(float(scipy.statistic), abs=1e-12)
    assert result.p_value == pytest.approx(float(scipy.pvalue), abs=1e-12)
    assert result.p_value == pytest.approx(0.0086, abs=1e-4)


def test_largest_gap_in_percentage_points():
    # Sample shares 60%, 20%, 20%, 0% against 40%, 30%, 20%, 10%:
    # gaps 20, 10, 0, 10 points -> ASD, 20 points.
    result = chi_square_gof(SAMPLE, POPULATION)
    assert result.largest_gap_pp == pytest.approx(20.0)
    assert result.largest_gap_category == "ASD"
    # Under-representation counts as much as over: MLD 40 of 50 (80%) against 10%.
    over_mld = chi_square_gof({"ASD": 5, "SEMH": 5, "MLD": 40}, POPULATION)
    assert over_mld.largest_gap_pp == pytest.approx(70.0)
    assert over_mld.largest_gap_category == "MLD"


def test_small_expected_counts_warn_and_p_value_is_checked_by_hand():
    # Population 50/30/20 (50%, 30%, 20%), sample 12, 6, 2 of 20: E = 10, 6, 4.
    # X^2 = 2^2/10 + 0^2/6 + 2^2/4 = 0.4 + 0 + 1 = 1.4, df = 2.
    # With 2 df the chi-square tail is exp(-x/2): p = exp(-0.7) = 0.4966.
    # E = 4 < 5 for "c", so the result warns.
    result = chi_square_gof({"a": 12, "b": 6, "c": 2}, {"a": 50, "b": 30, "c": 20})
    assert result.statistic == pytest.approx(1.4, abs=1e-12)
    assert result.degrees_of_freedom == 2
    assert result.p_value == pytest.approx(math.exp(-0.7), abs=1e-12)
    assert result.warning is not None
    assert "fewer than 5" in result.warning
    assert "c 4.0" in result.warning
    assert "a 10.0" not in result.warning
    # Gaps: 60 - 50 = 10, 30 - 30 = 0, 10 - 20 = 10: a tie, the first group wins.
    assert result.largest_gap_pp == pytest.approx(10.0)
    assert result.largest_gap_category == "a"


def test_no_warning_when_every_expected_count_is_at_least_5():
    # The smallest expected count in the first example is MLD's 5.0: not below 5.
    assert chi_square_gof(SAMPLE, POPULATION).warning is None


def test_a_perfectly_matched_sample():
    result = chi_square_gof({"ASD": 4, "SEMH": 3, "SLCN": 2, "MLD": 1}, POPULATION)
    assert result.statistic == 0
    assert result.p_value == pytest.approx(1.0)
    assert result.largest_gap_pp == 0


def test_one_group_has_nothing_to_test():
    result = chi_square_gof({"ASD": 7}, {"ASD": 90})
    assert result.degrees_of_freedom == 0
    assert result.p_value is None
    assert result.statistic == 0


def test_a_group_with_no_plans_in_the_population_is_left_out():
    result = chi_square_gof({"ASD": 3, "SEMH": 2}, {"ASD": 60, "SEMH": 40, "PD": 0})
    assert result.categories == ("ASD", "SEMH")


def test_errors_name_the_problem():
    with pytest.raises(ValueError, match="'HI'"):
        chi_square_gof({"ASD": 3, "HI": 1}, POPULATION)
    with pytest.raises(ValueError, match="'PD'"):
        chi_square_gof({"PD": 1}, {"ASD": 5, "PD": 0})
    with pytest.raises(ValueError, match="negative"):
        chi_square_gof({"ASD": -1}, POPULATION)
    with pytest.raises(ValueError, match="sample is empty"):
        chi_square_gof({}, POPULATION)
    with pytest.raises(ValueError, match="population is empty"):
        chi_square_gof({"ASD": 1}, {})
