import math
from datetime import date, timedelta

import pytest

from sendassure.kpis.trajectory import t_975, trajectory

D0 = date(2024, 1, 1)


def day(n):
    return D0 + timedelta(days=n)


def test_perfect_line_and_target_date():
    # 10, 20, 30 at days 0, 10, 20: slope 1 a day, intercept 10, no scatter
    line = trajectory([(day(0), 10), (day(10), 20), (day(20), 30)], target=50)
    assert line.slope_per_day == pytest.approx(1)
    assert line.slope_per_period == pytest.approx(10)
    assert line.intercept == pytest.approx(10)
    assert line.residual_standard_error == pytest.approx(0)
    assert line.target_date == day(40)  # 10 + x = 50
    # already past the target: the last date
    assert trajectory([(day(0), 10), (day(10), 20), (day(20), 30)], target=25).target_date == (
        day(20))
    # lower is better but the line rises: never
    assert trajectory([(day(0), 10), (day(10), 20)], target=5, improvement="down").target_date \
        is None


def test_flat_line_never_reaches():
    assert trajectory([(day(0), 10), (day(5), 10), (day(9), 10)], target=80).target_date is None


def test_uncertainty_worked_example():
    # (0,1), (1,3), (2,2): x̄ 1, ȳ 2, Sxx 2, Sxy 1 -> slope 0.5, intercept 1.5
    # residuals -0.5, 1, -0.5: SSE 1.5, s = sqrt(1.5) = 1.2247, se(slope) = s/sqrt(2) = 0.8660
    line = trajectory([(day(0), 1), (day(1), 3), (day(2), 2)])
    assert line.slope_per_day == pytest.approx(0.5)
    assert line.residual_standard_error == pytest.approx(math.sqrt(1.5))
    assert line.slope_standard_error == pytest.approx(0.8660, abs=1e-4)
    # at x0 = 3: fit 3.0; s·sqrt(1 + 1/3 + 4/2) = 1.2247 × 1.8257 = 2.2361; t(0.975, 1) = 12.706
    fit, low, high = line.prediction_interval(day(3))
    assert fit == pytest.approx(3.0)
    assert high - fit == pytest.approx(12.706 * 2.2361, abs=1e-3)
    assert fit - low == pytest.approx(high - fit)


def test_last_k_points_and_too_few():
    points = [(day(0), 100), (day(10), 0), (day(20), 10)]
    assert trajectory(points, k=2).slope_per_day == pytest.approx(1)  # 0 -> 10 over 10 days
    two = trajectory(points, k=2)
    assert two.prediction_interval(day(30)) is None and two.note
    assert trajectory(points[:1]) is None
    assert trajectory([(day(0), 1), (day(0), 2)]) is None  # all on one date


def test_t_quantiles():
    assert t_975(1) == 12.706 and t_975(30) == 2.042
    assert t_975(60) == pytest.approx(2.000, abs=2e-3)  # tables: 2.000
    assert t_975(120) == pytest.approx(1.980, abs=2e-3)  # tables: 1.980
