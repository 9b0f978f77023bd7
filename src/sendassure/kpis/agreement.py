"""How far two auditors agree when they grade the same EHC plans (issue 11).

A plan quality audit has some plans graded twice, by two auditors working apart. The
moderation report gives the share of plans where both chose the same grade and Cohen's
kappa, which discounts the agreement two auditors would reach by chance.

Kappa is ``1 - D_o / D_e``: ``D_o`` is the observed mean disagreement weight over the
pairs and ``D_e`` the weight expected if the two auditors graded independently with their
own mix of grades (``D_e = sum_ij w_ij * p_i * q_j``, ``p`` and ``q`` each auditor's share
of each grade). Unweighted kappa uses ``w_ij = 0`` when ``i == j`` and 1 otherwise, which
is the familiar ``(p_o - p_e) / (1 - p_e)``. Grades are ordinal, so the linear-weighted
kappa counts "good" against "requires improvement" as a smaller disagreement than
"outstanding" against "inadequate": ``w_ij = |i - j| / (k - 1)`` over the full ordered
category list, so a grade nobody used still counts in the distance.

All arithmetic is exact (``fractions.Fraction``), so a kappa does not depend on the order
of the pairs and rounds the same on every machine. Kappa is undefined (``None``) with no
pairs, or when ``D_e`` is 0, as when both auditors used the same single grade throughout.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Sequence
from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction
from typing import Literal

GRADES: tuple[str, ...] = ("outstanding", "good", "requires_improvement", "inadequate")
"""Ofsted-style plan grades, ordinal, best first."""

Weights = Literal["linear"] | None
Pair = tuple[Hashable, Hashable]


def percent_agreement(pairs: Sequence[Pair]) -> tuple[int, int]:
    """``(agreed, total)``: how many pairs have the same grade from both auditors, of how many.

    Counts, not a percentage, so the caller shows them with the one percentage function
    (``percent.percent``).
    """
    agreed = sum(1 for a, b in pairs if a == b)
    return agreed, len(pairs)


def kappa_fraction(
    pairs: Sequence[Pair], categories: Sequence[Hashable] = GRADES, weights: Weights = None
) -> Fraction | None:
    """Cohen's kappa as an exact fraction; ``None`` where it is undefined.

    ``weights`` is ``None`` (unweighted) or ``"linear"``. A grade outside ``categories``
    is a ``ValueError`` naming it.
    """
    index = _category_index(categories)
    _check_weights(weights)
    if not pairs:
        return None
    rows = [(_position(index, a), _position(index, b)) for a, b in pairs]
    weight = _weight_function(len(index), weights)
    n = len(rows)
    observed = sum((weight(i, j) for i, j in rows), Fraction(0)) / n
    expected = _expected_disagreement(rows, weight)
    if expected == 0:
        return None
    return 1 - observed / expected


def cohen_kappa(
    pairs: Sequence[Pair], categories: Sequence[Hashable] = GRADES, weights: Weights = None
) -> float | None:
    """Cohen's kappa (unweighted, or ``weights="linear"``) as a float; ``None`` if undefined.

    For a figure to publish, round the exact value instead:
    ``round_half_up(kappa_fraction(...))``.
    """
    kappa = kappa_fraction(pairs, categories, weights)
    return None if kappa is None else float(kappa)


def round_half_up(x: Fraction | int, places: int = 3) -> Decimal:
    """``x`` rounded to ``places`` decimal places, halves away from zero, as a ``Decimal``.

    A ``Decimal`` (not a float) so that the rounded figure prints as it was rounded
    (``0.125``, never ``0.12499999``). The rounding works on the exact fraction: it is
    truncated (exactly, in integers) to one digit beyond ``places``, which keeps whether
    the remainder is below, at or above a half, and Decimal's ``ROUND_HALF_UP`` then
    rounds that. So 1245/10000 gives 0.125, where ``round(0.1245, 3)`` on the float
    gives 0.124.
    """
    exact = Fraction(x)
    sign = -1 if exact < 0 else 1
    digits = abs(exact.numerator) * 10 ** (places + 1) // exact.denominator
    with localcontext() as context:
        context.prec = max(28, len(str(digits)) + 2)
        truncated = Decimal(sign * digits).scaleb(-(places + 1))
        rounded = truncated.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return rounded.copy_abs() if rounded.is_zero() else rounded


def _category_index(categories: Sequence[Hashable]) -> dict[Hashable, int]:
    index = {category: i for i, category in enumerate(categories)}
    if len(index) != len(categories):
        raise ValueError(f"categories are repeated: {list(categories)!r}")
    return index


def _check_weights(weights: Weights) -> None:
    if weights not in (None, "linear"):
        raise ValueError(f"weights must be None or 'linear', not {weights!r}")


def _position(index: dict[Hashable, int], grade: Hashable) -> int:
    try:
        return index[grade]
    except KeyError:
        raise ValueError(f"grade {grade!r} is not one of {list(index)!r}") from None


def _weight_function(k: int, weights: Weights):
    """Disagreement weight ``w(i, j)`` between category positions ``i`` and ``j``."""
    if weights == "linear":
        span = max(k - 1, 1)
        return lambda i, j: Fraction(abs(i - j), span)
    return lambda i, j: Fraction(int(i != j))


def _expected_disagreement(rows: list[tuple[int, int]], weight) -> Fraction:
    """``sum_ij w(i, j) * p_i * q_j`` from each auditor's own counts of each grade."""
    n = len(rows)
    first = Counter(i for i, _ in rows)
    second = Counter(j for _, j in rows)
    total = sum(
        (weight(i, j) * count_i * count_j
         for i, count_i in first.items()
         for j, count_j in second.items()),
        Fraction(0),
    )
    return total / (n * n)
