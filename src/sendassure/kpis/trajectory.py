"""A trajectory: least-squares line through the last ``k`` points, with its uncertainty,
answering "when do we reach the target at this rate?" (docs/measures.md, "Trend and assurance").

Time is measured in days from the first point used, so points need not be evenly spaced
and the slope is per day (``slope_per_period`` rescales it to the mean spacing).
The prediction interval is the usual 95% interval for a new observation,
``fit ± t(0.975, n-2) · s · sqrt(1 + 1/n + (x0 - x̄)² / Sxx)``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from statistics import NormalDist
from typing import Literal

# two-sided 95% Student t quantiles t(0.975, df) for df = 1..30
T_975 = (
    12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
    2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
    2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
)


def t_975(df: int) -> float:
    """t(0.975, df); beyond the table, a Cornish-Fisher expansion about the normal."""
    if df < 1:
        raise ValueError("df must be at least 1")
    if df <= len(T_975):
        return T_975[df - 1]
    z = NormalDist().inv_cdf(0.975)
    return z + (z**3 + z) / (4 * df) + (5 * z**5 + 16 * z**3 + 3 * z) / (96 * df**2)


@dataclass(frozen=True)
class Trajectory:
    n: int
    first_date: date
    last_date: date
    intercept: float  # fitted value on first_date
    slope_per_day: float
    slope_per_period: float
    slope_standard_error: float | None  # None with fewer than 3 points
    residual_standard_error: float | None
    x_mean: float
    sxx: float
    target: float | None
    target_date: date | None  # first day the fitted line reaches the target; None if never
    note: str | None = None

    def fitted(self, on: date) -> float:
        return self.intercept + self.slope_per_day * (on - self.first_date).days

    def prediction_interval(self, on: date) -> tuple[float, float, float] | None:
        """(fit, lower, upper) of a new observation on ``on``; None with fewer than 3 points."""
        if self.residual_standard_error is None:
            return None
        x0 = (on - self.first_date).days
        fit = self.fitted(on)
        spread = self.residual_standard_error * math.sqrt(
            1 + 1 / self.n + (x0 - self.x_mean) ** 2 / self.sxx
        )
        half = t_975(self.n - 2) * spread
        return fit, fit - half, fit + half


def trajectory(
    points: Sequence[tuple[date, float]],
    k: int | None = None,
    target: float | None = None,
    improvement: Literal["up", "down"] = "up",
) -> Trajectory | None:
    """Fit the last ``k`` (default all) of ``points`` (date, value) in date order.

    ``target_date``: the first day on which the fitted line reaches the target (at or
    above it for ``improvement="up"``, at or below for ``"down"``); the last point's date
    if the line is already there; ``None`` if it is flat or heading away (never). Returns ``None``
    with fewer than 2 points or all on one date.
    """
    used = sorted(points)[-k:] if k else sorted(points)
    n = len(used)
    if n < 2:
        return None
    first = used[0][0]
    xs = [(d - first).days for d, _ in used]
    ys = [float(v) for _, v in used]
    x_mean = math.fsum(xs) / n
    y_mean = math.fsum(ys) / n
    sxx = math.fsum((x - x_mean) ** 2 for x in xs)
    if sxx == 0:
        return None
    sxy = math.fsum((x - x_mean) * (y - y_mean) for x, y in zip(xs, ys, strict=True))
    slope = sxy / sxx
    intercept = y_mean - slope * x_mean
    se_slope = resid_se = None
    note = None
    if n >= 3:
        sse = math.fsum((y - intercept - slope * x) ** 2 for x, y in zip(xs, ys, strict=True))
        resid_se = math.sqrt(sse / (n - 2))
        se_slope = resid_se / math.sqrt(sxx)
    else:
        note = "2 points: no estimate of uncertainty"
    spacing = xs[-1] / (n - 1)
    return Trajectory(
        n=n, first_date=first, last_date=used[-1][0], intercept=intercept,
        slope_per_day=slope, slope_per_period=slope * spacing,
        slope_standard_error=se_slope, residual_standard_error=resid_se,
        x_mean=x_mean, sxx=sxx, target=target,
        target_date=_target_date(first, used[-1][0], intercept, slope, target, improvement),
        note=note,
    )


def _target_date(first: date, last: date, intercept: float, slope: float,
                 target: float | None, improvement: str) -> date | None:
    if target is None:
        return None
    x_last = (last - first).days
    at_last = intercept + slope * x_last
    sign = 1 if improvement == "up" else -1
    if sign * (at_last - target) >= 0:
        return last  # the line is already at or past the target
    if sign * slope <= 0:
        return None  # flat or heading away: never at this rate
    return first + timedelta(days=math.ceil((target - intercept) / slope))
