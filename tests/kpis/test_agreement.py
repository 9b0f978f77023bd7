"""Agreement between two auditors: counts, Cohen's kappa (plain and linear) and rounding.

Each figure is worked by hand in the comments and, where kappa is defined, checked also
against two independent implementations: scikit-learn's ``cohen_kappa_score`` (whose
linear weights are ``|i - j|`` without the ``1 / (k - 1)``: the scale cancels in
``1 - D_o / D_e``) and statsmodels' ``cohens_kappa`` on the cross-tabulation.
"""

from __future__ import annotations

import warnings
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.metrics import cohen_kappa_score
from statsmodels.stats.inter_rater import cohens_kappa as statsmodels_cohens_kappa

from sendassure.kpis.agreement import (
    GRADES,
    cohen_kappa,
    kappa_fraction,
    percent_agreement,
    round_half_up,
)

OUT, GOOD, RI, INAD = GRADES  # O, G, R, I in the tables below


def table(cells: dict[tuple[str, str], int]) -> list[tuple[str, str]]:
    """Pairs from a cross-tabulation: ``{(grade_a, grade_b): count}``."""
    return [pair for pair, count in cells.items() for _ in range(count)]


# Auditor A down, auditor B across, 20 plans:
#
#            O   G   R   I  | A's total
#       O    2   1   0   0  |  3
#       G    1   5   1   0  |  7
#       R    0   2   4   1  |  7
#       I    0   0   1   2  |  3
#   B's      3   8   6   3  | 20
HAND = table({
    (OUT, OUT): 2, (OUT, GOOD): 1,
    (GOOD, OUT): 1, (GOOD, GOOD): 5, (GOOD, RI): 1,
    (RI, GOOD): 2, (RI, RI): 4, (RI, INAD): 1,
    (INAD, RI): 1, (INAD, INAD): 2,
})


def sklearn_kappa(pairs, weights=None) -> float:
    a, b = zip(*pairs, strict=True)
    return float(cohen_kappa_score(a, b, labels=list(GRADES), weights=weights))


def statsmodels_kappa(pairs, weights=None) -> float:
    """statsmodels' kappa from the 4 x 4 cross-tabulation (auditor A down, B across)."""
    index = {g: i for i, g in enumerate(GRADES)}
    crosstab = [[0] * len(GRADES) for _ in GRADES]
    for a, b in pairs:
        crosstab[index[a]][index[b]] += 1
    with warnings.catch_warnings():  # its standard errors of a degenerate table are nan
        warnings.simplefilter("ignore", RuntimeWarning)
        if weights == "linear":
            return float(statsmodels_cohens_kappa(crosstab, wt="linear").kappa)
        return float(statsmodels_cohens_kappa(crosstab).kappa)


def test_percent_agreement_counts_the_diagonal():
    # 2 + 5 + 4 + 2 = 13 of 20 on the diagonal
    assert percent_agreement(HAND) == (13, 20)
    assert percent_agreement([]) == (0, 0)
    assert percent_agreement([(OUT, GOOD), (GOOD, OUT)]) == (0, 2)


def test_unweighted_kappa_worked_by_hand():
    # p_o = 13/20 = 0.65
    # p_e = sum(A_i * B_i) / 20^2 = (3*3 + 7*8 + 7*6 + 3*3) / 400 = (9 + 56 + 42 + 9) / 400
    #     = 116/400 = 0.29
    # kappa = (0.65 - 0.29) / (1 - 0.29) = 0.36 / 0.71 = 36/71 = 0.50704... -> 0.507
    assert kappa_fraction(HAND) == Fraction(36, 71)
    assert cohen_kappa(HAND) == pytest.approx(36 / 71, abs=1e-15)
    assert round_half_up(kappa_fraction(HAND)) == Decimal("0.507")
    assert cohen_kappa(HAND) == pytest.approx(sklearn_kappa(HAND), abs=1e-12)
    assert cohen_kappa(HAND) == pytest.approx(statsmodels_kappa(HAND), abs=1e-12)


def test_linear_kappa_worked_by_hand():
    # w_ij = |i - j| / 3. All 7 disagreements are one grade apart:
    # D_o = 7 * (1/3) / 20 = 7/60 = 140/1200.
    # D_e = sum |i - j| * A_i * B_j / (3 * 400), with A = (3, 7, 7, 3), B = (3, 8, 6, 3):
    #   A_O = 3: (1*8 + 2*6 + 3*3) * 3 = 29 * 3 =  87
    #   A_G = 7: (1*3 + 1*6 + 2*3) * 7 = 15 * 7 = 105
    #   A_R = 7: (2*3 + 1*8 + 1*3) * 7 = 17 * 7 = 119
    #   A_I = 3: (3*3 + 2*8 + 1*6) * 3 = 31 * 3 =  93
    #   404, so D_e = 404/1200
    # kappa_w = 1 - 140/404 = 264/404 = 66/101 = 0.65346... -> 0.653
    assert kappa_fraction(HAND, weights="linear") == Fraction(66, 101)
    assert round_half_up(kappa_fraction(HAND, weights="linear")) == Decimal("0.653")
    assert cohen_kappa(HAND, weights="linear") == pytest.approx(
        sklearn_kappa(HAND, "linear"), abs=1e-12)
    assert cohen_kappa(HAND, weights="linear") == pytest.approx(
        statsmodels_kappa(HAND, "linear"), abs=1e-12)


def test_linear_distance_counts_a_grade_nobody_used():
    # Nobody graded "good", so O, R, I sit at positions 0, 2, 3 of the full scale.
    #            O   R   I  | A
    #       O    2   1   0  | 3
    #       R    0   2   1  | 3
    #       I    0   0   1  | 1
    #   B        2   3   2  | 7
    # Full scale (|i-j|, the 1/3 cancels): observed 1*2 (O-R) + 1*1 (R-I) = 3, so D_o = 3/7;
    # expected: A_O = 3: (2*3 + 3*2) * 3 = 36; A_R = 3: (2*2 + 1*2) * 3 = 18;
    # A_I = 1: (3*2 + 1*3) * 1 = 9; 63/49 = 9/7. kappa_w = 1 - (3/7)/(9/7) = 2/3.
    # On the scale (O, R, I) without "good" the distances are 1, 1, 2: D_o = 2/7,
    # D_e = (3*(1*3 + 2*2) + 3*(1*2 + 1*2) + 1*(2*2 + 1*3)) / 49 = 40/49,
    # kappa_w = 1 - (2/7)/(40/49) = 13/20: a different, wrong, answer.
    pairs = table({(OUT, OUT): 2, (OUT, RI): 1, (RI, RI): 2, (RI, INAD): 1, (INAD, INAD): 1})
    assert kappa_fraction(pairs, weights="linear") == Fraction(2, 3)
    assert kappa_fraction(pairs, categories=(OUT, RI, INAD), weights="linear") == Fraction(13, 20)
    assert cohen_kappa(pairs, weights="linear") == pytest.approx(
        sklearn_kappa(pairs, "linear"), abs=1e-12)


def test_one_auditor_always_giving_one_grade_is_zero_not_undefined():
    # A says "good" every time; B says O, G, G, R. p_o = 2/4; p_e = (4 * 2) / 16 = 1/2;
    # kappa = 0. Linear: D_o = (1 + 1) / 4 = 1/2 (x 1/3), D_e = 4 * (1 + 1) / 16 = 1/2
    # (x 1/3): kappa_w = 0.
    pairs = [(GOOD, OUT), (GOOD, GOOD), (GOOD, GOOD), (GOOD, RI)]
    assert kappa_fraction(pairs) == 0
    assert kappa_fraction(pairs, weights="linear") == 0
    assert cohen_kappa(pairs) == pytest.approx(sklearn_kappa(pairs), abs=1e-12)


@pytest.mark.parametrize("weights", [None, "linear"])
def test_undefined_kappa_is_none(weights):
    assert cohen_kappa([], weights=weights) is None
    # Both always "good": observed and expected agreement are both perfect, 0/0.
    assert cohen_kappa([(GOOD, GOOD)] * 5, weights=weights) is None
    assert kappa_fraction([(INAD, INAD)], weights=weights) is None
    # With a one-grade scale there is nothing to disagree about.
    assert cohen_kappa([("pass", "pass")], categories=("pass",), weights=weights) is None


def test_bad_input_is_refused_by_name():
    with pytest.raises(ValueError, match="'excellent'"):
        cohen_kappa([(GOOD, "excellent")])
    with pytest.raises(ValueError, match="quadratic"):
        cohen_kappa(HAND, weights="quadratic")
    with pytest.raises(ValueError, match="repeated"):
        cohen_kappa(HAND, categories=(OUT, GOOD, GOOD, RI, INAD))


def test_rounding_is_half_up_on_the_exact_value():
    # 0.1245 exactly: the 4th decimal is 5, so half up gives 0.125. The float 0.1245 is
    # 0.12449999999999999734..., which is why rounding must not go through a float.
    assert round_half_up(Fraction(1245, 10000)) == Decimal("0.125")
    assert round(0.1245, 3) == 0.124
    assert round_half_up(Fraction(-1245, 10000)) == Decimal("-0.125")  # halves away from 0
    assert round_half_up(Fraction(2, 3)) == Decimal("0.667")
    assert round_half_up(Fraction(1, 3), places=2) == Decimal("0.33")
    assert round_half_up(1) == Decimal("1.000")
    assert str(round_half_up(Fraction(-1, 10**6))) == "0.000"  # not "-0.000"


def test_a_kappa_ending_in_exactly_half_rounds_up():
    #            O   G   R  | A
    #       O    2   1   0  | 3
    #       G    0   2   0  | 2
    #       R    1   0   1  | 2
    #   B        3   3   1  | 7
    # p_o = 5/7 = 35/49; p_e = (3*3 + 2*3 + 2*1) / 49 = 17/49;
    # kappa = (35 - 17) / (49 - 17) = 18/32 = 9/16 = 0.5625 -> 0.563 (round() gives 0.562)
    pairs = table({(OUT, OUT): 2, (OUT, GOOD): 1, (GOOD, GOOD): 2, (RI, OUT): 1, (RI, RI): 1})
    assert kappa_fraction(pairs) == Fraction(9, 16)
    assert round_half_up(kappa_fraction(pairs)) == Decimal("0.563")
    assert cohen_kappa(pairs) == pytest.approx(sklearn_kappa(pairs), abs=1e-12)


grades = st.sampled_from(GRADES)
gradings = st.lists(st.tuples(grades, grades), min_size=1, max_size=40)


@settings(max_examples=150, deadline=None)
@given(st.lists(grades, min_size=1, max_size=40), st.sampled_from([None, "linear"]))
def test_identical_gradings_are_one_whenever_defined(grades_given, weights):
    pairs = [(g, g) for g in grades_given]
    kappa = kappa_fraction(pairs, weights=weights)
    if len(set(grades_given)) >= 2:
        assert kappa == 1
    else:
        assert kappa is None


@settings(max_examples=150, deadline=None)
@given(gradings, st.sampled_from([None, "linear"]))
def test_kappa_is_symmetric_in_the_auditors(pairs, weights):
    swapped = [(b, a) for a, b in pairs]
    assert kappa_fraction(pairs, weights=weights) == kappa_fraction(swapped, weights=weights)


@settings(max_examples=150, deadline=None)
@given(gradings, st.sampled_from([None, "linear"]))
def test_undefined_exactly_when_everyone_used_one_grade(pairs, weights):
    used = {grade for pair in pairs for grade in pair}
    assert (kappa_fraction(pairs, weights=weights) is None) == (len(used) == 1)


@settings(max_examples=150, deadline=None)
@given(gradings, st.sampled_from([None, "linear"]))
def test_agrees_with_scikit_learn(pairs, weights):
    kappa = cohen_kappa(pairs, weights=weights)
    if kappa is not None:
        assert kappa == pytest.approx(sklearn_kappa(pairs, weights), abs=1e-9)


@settings(max_examples=200, deadline=None)
@given(st.integers(-10**7, 10**7), st.integers(0, 5))
def test_rounding_matches_decimal_half_up_on_terminating_decimals(digits, places):
    exact = Decimal(digits).scaleb(-(places + 1))  # one digit more than kept
    expected = exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    assert round_half_up(Fraction(digits, 10 ** (places + 1)), places) == expected


@settings(max_examples=200, deadline=None)
@given(st.fractions(min_value=-2, max_value=2), st.integers(0, 5))
def test_rounding_is_within_half_a_unit_and_keeps_the_places(x, places):
    rounded = round_half_up(x, places)
    assert rounded.as_tuple().exponent == -places
    assert abs(Fraction(rounded) - x) <= Fraction(1, 2 * 10**places)


@settings(max_examples=150, deadline=None)
@given(gradings, st.sampled_from([None, "linear"]))
def test_agrees_with_statsmodels(pairs, weights):
    kappa = cohen_kappa(pairs, weights=weights)
    if kappa is not None:
        assert kappa == pytest.approx(statsmodels_kappa(pairs, weights), abs=1e-9)
