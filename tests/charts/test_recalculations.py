"""SPC recalculation points (charts/recalculations.py) and the significance test behind a
trajectory (charts/trend.py), with the limits and the decisions worked by hand."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

import pytest

from sendassure.charts import recalculations
from sendassure.charts.trend import trajectory_note, trend_figure
from sendassure.kpis import periods as P

# 2022: 40, 44, 40, 44... (mean 42, every moving range 4); 2023, after a new process:
# 70, 74, 70, 74... (mean 72, every moving range 4).
BEFORE = [40, 44] * 6
AFTER = [70, 74] * 6
MONTHS = P.between(P.MONTH, date(2022, 1, 1), date(2023, 12, 31))


@dataclass(frozen=True)
class _Measure:
    symbol: str = "%"
    polarity: str = "up"


@dataclass(frozen=True)
class _Figure:
    value: Decimal | int | None
    text: str
    status: str = "final"
    measure: _Measure = _Measure()

    @property
    def shown(self) -> bool:
        return self.text not in ("c", "z", "x")


@dataclass
class _Currency:
    data_to: date | None = date(2023, 12, 31)


class _Figures:
    """Just what trend_figure asks a FigureSet for: each month's % and its counts."""

    areas = ("886",)
    currency = _Currency()

    def figure(self, name, period, breakdown=""):
        value = dict(zip(MONTHS, BEFORE + AFTER, strict=True))[period]
        if name == "pc":
            return _Figure(Decimal(value), str(value))
        if name == "num":
            return _Figure(value, str(value), measure=_Measure(""))
        return _Figure(100, "100", measure=_Measure(""))


def _rows(fig):
    return {row[0]: row for row in csv.reader(io.StringIO(fig.csv()))}


def _write(tmp_path, settings, text):
    path = tmp_path / "spc.yaml"
    path.write_text(text)
    settings.SPC_RECALCULATIONS = str(path)
    return path


def test_limits_start_afresh_at_a_configured_process_change(tmp_path, settings):
    _write(tmp_path, settings, """
- area: "886"
  measure: pc
  from: 2023-01-01
  reason: New EHC hub triage
- area: "999"
  measure: pc
  from: 2022-06-01
  reason: another area's change
""")
    fig = trend_figure(_Figures(), "pc", MONTHS, id="t", caption="Figure: t", y_title="Within",
                       target=80.0, counts=[("Within 20 weeks", "num"), ("Issued", "den")])
    rows = _rows(fig)
    assert rows["Period"] == ["Period", "Value (%)", "Within 20 weeks", "Issued", "Mean (%)",
                              "Lower process limit (%)", "Upper process limit (%)",
                              "Process limits", "Signal"]
    # 2022: mean 42, limits 42 ± 2.66 × 4 = 31.36 and 52.64; all common cause
    assert rows["Jan 2022"] == ["Jan 2022", "40", "40", "100", "42", "31.36", "52.64", "",
                                "Common cause"]
    assert rows["Dec 2022"][4:7] == ["42", "31.36", "52.64"]
    # 2023: mean 72, limits 72 ± 10.64 = 61.36 and 82.64, from January 2023
    assert rows["Jan 2023"] == ["Jan 2023", "70", "70", "100", "72", "61.36", "82.64",
                                "Recalculated from here: New EHC hub triage", "Common cause"]
    assert all(row[-1] == "Common cause" for name, row in rows.items() if name != "Period")
    assert "Process limits recalculated from Jan 2023: New EHC hub triage." in fig.notes
    # the chart marks the change: a rule and its label
    assert "Limits recalculated" in fig.svg


def test_without_the_recalculation_the_limits_span_the_step_and_flag_2022(tmp_path, settings):
    _write(tmp_path, settings, "")  # an empty file: no recalculation points
    fig = trend_figure(_Figures(), "pc", MONTHS, id="t", caption="Figure: t", y_title="Within",
                       target=80.0)
    rows = _rows(fig)
    # one mean over 24 points: (12 × 42 + 12 × 72) / 24 = 57; 23 moving ranges, 22 of 4
    # and one of 70 - 44 = 26: mean 114 / 23; limits 57 ± 2.66 × 114 / 23
    assert float(rows["Jan 2022"][2]) == pytest.approx(57)
    assert float(rows["Jan 2022"][3]) == pytest.approx(57 - 2.66 * 114 / 23, abs=1e-6)
    assert float(rows["Jan 2022"][4]) == pytest.approx(57 + 2.66 * 114 / 23, abs=1e-6)
    assert "Process limits" not in rows["Period"]
    # 12 points under the mean: a shift, read as a concern (higher is better)
    assert rows["Jan 2022"][-1].startswith("Special cause: concern")
    assert "Limits recalculated" not in fig.svg


def test_the_trajectory_uses_only_the_points_since_the_change(tmp_path, settings):
    _write(tmp_path, settings, "- {area: '*', measure: pc, from: 2023-01-01, reason: x}\n")
    fig = trend_figure(_Figures(), "pc", MONTHS, id="t", caption="Figure: t", y_title="Within",
                       target=80.0)
    # 2023 alone alternates 70, 74: no trend; across the step it would rise steeply
    note = next(n for n in fig.notes if n.startswith("Over the last"))
    assert "Over the last 12 points" in note and "not statistically significant" in note


def test_a_footprint_of_several_areas_uses_only_the_every_area_points(tmp_path, settings):
    _write(tmp_path, settings, """
- {area: "886", measure: pc, from: 2023-01-01, reason: Kent's change}
- {area: "*", measure: pc, from: 2023-07-01, reason: national change}
- {area: "886", measure: other, from: 2022-07-01}
""")
    assert recalculations.for_chart(("886",), "pc") == (
        [(date(2023, 1, 1), "Kent's change"), (date(2023, 7, 1), "national change")], "")
    assert recalculations.for_chart(("886", "887"), "pc") == (
        [(date(2023, 7, 1), "national change")], "")
    assert recalculations.for_chart(("886",), "other") == ([(date(2022, 7, 1), "")], "")


def test_a_malformed_file_changes_no_chart_and_says_why(tmp_path, settings):
    _write(tmp_path, settings, "- {area: '886', measure: pc, from: 'January 2023'}\n")
    fig = trend_figure(_Figures(), "pc", MONTHS, id="t", caption="Figure: t", y_title="Within")
    assert "Process limits" not in fig.columns
    assert any("could not be read" in n and "from must be a date" in n for n in fig.notes)
    with pytest.raises(ValueError, match="entry 1: measure missing"):
        recalculations.parse("- {area: '886', from: 2023-01-01}")


def test_no_file_means_no_recalculation(tmp_path, settings):
    settings.SPC_RECALCULATIONS = str(tmp_path / "absent.yaml")
    assert recalculations.load() == ([], "")


# --- significance ---------------------------------------------------------------------
# Five points 30 days apart, x = 0..4 (in 30-day steps), y = 50 + b·x + e with residuals
# e = 1, -2, 0, 2, -1 (summing to 0 and orthogonal to x, so the fitted slope is b).
# Sxx = 10, SSE = 1 + 4 + 0 + 4 + 1 = 10, s² = 10 / 3, se(b) = √(s² / Sxx) = √(1/3) = 0.5774;
# t(0.975, 3) = 3.182, so the 95% interval is b ± 1.837 (per 30 days).
RESIDUALS = [1, -2, 0, 2, -1]


def _points(slope: float) -> list[tuple[date, float]]:
    start = date(2024, 1, 1)
    return [(start + timedelta(days=30 * x), 50 + slope * x + e)
            for x, e in enumerate(RESIDUALS)]


def test_a_slope_whose_interval_excludes_zero_gets_a_trajectory():
    # b = 2: 2 - 1.837 > 0, significant; 50 + 2x reaches 80 at x = 15, 450 days after
    # 1 January 2024: 26 March 2025. Per month (30.4375 days): +2.03 ± 1.86
    note = trajectory_note(_points(2.0), 80.0, "up", "%")
    assert note == ("Over the last 5 points the trend is +2.0 points a month (give or take "
                    "1.9): at this rate the 80% target would be reached in March 2025.")


def test_a_slope_whose_interval_includes_zero_gets_no_trajectory():
    # b = 1.5: 1.5 - 1.837 < 0, not significant (a normal 1.96 × 0.577 = 1.13 would have
    # called it significant: with 5 points the t quantile matters)
    note = trajectory_note(_points(1.5), 80.0, "up", "%")
    assert "not statistically significant" in note and "would be reached" not in note
    assert "+1.5 points a month (give or take 1.9)" in note
