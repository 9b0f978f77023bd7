"""``sendassure audits summary``: the contract, worked by hand from eight audits in the
first quarter of 2024 (and two outside it)."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from sendassure.cli import app

runner = CliRunner()
HEAD = "audit_ref,plan_ref,audit_date,auditor,agency,overall_grade"
AUDITS = [  # (ref, child, date, auditor, grade)
    ("A1", 1, "2024-01-10", "Ann", "good"),
    ("A2", 1, "2024-01-20", "Bob", "good"),  # pair 1: good / good
    ("A3", 2, "2024-02-01", "Ann", "requires_improvement"),
    ("A4", 2, "2024-02-05", "Bob", "good"),  # pair 2: requires improvement / good
    ("A5", 3, "2024-02-10", "Ann", "inadequate"),
    ("A6", 3, "2024-03-01", "ann", "requires_improvement"),  # same auditor: a re-audit
    ("A7", 4, "2024-03-10", "Cat", "outstanding"),
    ("A8", 4, "2024-03-31", "Bob", "inadequate"),  # pair 3: outstanding / inadequate
    ("A9", 5, "2024-04-01", "Bob", "good"),  # after the period
    ("A10", 6, "2023-12-31", "Ann", "good"),  # before it
]


@pytest.fixture
def audits(tmp_path, children):
    path = tmp_path / "audits.csv"
    path.write_text("\n".join([HEAD] + [f"{r},{children[c]},{d},{a},education,{g}"
                                        for r, c, d, a, g in AUDITS]) + "\n")
    assert runner.invoke(app, ["audits", "import", str(path)]).exit_code == 0


def _summary(*args):
    result = runner.invoke(app, ["audits", "summary", "--from", "2024-01-01", "--to",
                                 "2024-03-31", *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_the_summary_by_hand(audits):
    # A1-A8 are in the period (both ends inclusive): 8 audits of 4 plans;
    # outstanding A7; good A1 A2 A4; requires improvement A3 A6; inadequate A5 A8;
    # good or better 4 of 8 = 50.0%.
    # Double-audited: plans 1, 2 and 4 (plan 3's first two audits are both Ann's: the
    # auditor's name is compared without case). Pairs (first, second): (G, G), (RI, G),
    # (O, I): 1 of 3 agree = 33.3%.
    # Unweighted kappa: first auditor O 1/3, G 1/3, RI 1/3; second G 2/3, I 1/3;
    # p_o = 1/3, p_e = 1/3 x 2/3 = 2/9; kappa = (1/3 - 2/9) / (1 - 2/9) = 1/7 = 0.143.
    # Linear (w = |i - j| / 3 over O, G, RI, I): observed (0 + 1/3 + 1) / 3 = 4/9;
    # expected: O (2/3 x 1/3 + 1/3 x 1) / 3 = 5/27, G (1/3 x 2/3) / 3 = 2/27,
    # RI (2/3 x 1/3 + 1/3 x 1/3) / 3 = 3/27: 10/27; kappa = 1 - (4/9) / (10/27) = -0.2.
    assert json.loads(_summary()) == {
        "audits": 8, "plans_audited": 4,
        "grades": {"outstanding": 1, "good": 3, "requires_improvement": 2, "inadequate": 2},
        "pc_good_or_better": 50.0, "double_audited": 3, "agreement_pc": 33.3,
        "kappa": 0.143, "kappa_linear": -0.2,
    }


def test_csv_and_table(audits):
    rows = list(csv.DictReader(io.StringIO(_summary("--format", "csv"))))
    assert rows == [{"audits": "8", "plans_audited": "4", "grades_outstanding": "1",
                     "grades_good": "3", "grades_requires_improvement": "2",
                     "grades_inadequate": "2", "pc_good_or_better": "50.0",
                     "double_audited": "3", "agreement_pc": "33.3", "kappa": "0.143",
                     "kappa_linear": "-0.2"}]
    assert "kappa_linear" in _summary("--format", "table")


def test_undefined_values_are_null(audits):
    result = runner.invoke(app, ["audits", "summary", "--from", "2024-04-01", "--to",
                                 "2024-04-30"])
    found = json.loads(result.output)
    assert (found["audits"], found["pc_good_or_better"], found["double_audited"],
            found["agreement_pc"], found["kappa"], found["kappa_linear"]) == (
        1, 100.0, 0, None, None, None)


def test_an_area_with_no_audits_and_bad_options(audits):
    found = json.loads(_summary("--area", "887"))
    assert found["audits"] == 0 and found["pc_good_or_better"] is None
    bad = runner.invoke(app, ["audits", "summary", "--from", "2024-02-01", "--to",
                              "2024-01-01"])
    assert bad.exit_code != 0 and "--to is before --from" in bad.output


def test_both_dates_are_inclusive_and_grades_count_audits_not_plans(audits):
    def found(start, end):
        result = runner.invoke(app, ["audits", "summary", "--from", start, "--to", end])
        assert result.exit_code == 0, result.output
        return json.loads(result.output)

    # A10 is dated 31 Dec 2023: a one-day period on that day holds it
    assert found("2023-12-31", "2023-12-31")["audits"] == 1
    assert found("2024-01-01", "2024-01-09")["audits"] == 0
    # plan 1 audited twice in January (A1 good, A2 good): 2 audits, 1 plan, good 2
    january = found("2024-01-10", "2024-01-20")
    assert (january["audits"], january["plans_audited"], january["grades"]["good"]) == (
        2, 1, 2)
