"""The one percentage function (and the one average of weeks), exactly as DfE computes.

``numerator / denominator * 100`` in IEEE double precision, in that order (divide, then
multiply); the double's exact decimal value is then rounded to 1 decimal place half up.
This reproduces every percentage in DfE's ``timeliness_20_week.csv`` from its counts,
where exact decimal arithmetic and Python's ``round`` (half to even) do not.
A zero denominator gives no value (``None``), never 0 and never an error.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

ONE_DP = Decimal("0.1")


def round_half_up(value: float) -> Decimal:
    """The exact decimal value of a double, rounded to 1 dp half up."""
    return Decimal(value).quantize(ONE_DP, rounding=ROUND_HALF_UP)


def percent(numerator: int, denominator: int) -> Decimal | None:
    """``numerator`` as a percentage of ``denominator`` to 1 dp; ``None`` when denominator is 0."""
    if not denominator:
        return None
    return round_half_up(numerator / denominator * 100)


def mean_weeks(days: Sequence[int]) -> Decimal | None:
    """Mean of ``d / 7`` (double precision) to 1 dp half up; ``None`` for no values.

    The sum is ``math.fsum`` (correctly rounded), so the answer does not depend on the
    order of the rows.
    """
    if not days:
        return None
    return round_half_up(math.fsum(d / 7 for d in days) / len(days))
