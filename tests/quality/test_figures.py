"""Plan quality audits as figures-service measures: grade counts and % good or better by
quarter, the loop closed, and disclosure control for aggregate audiences."""

from __future__ import annotations

from datetime import date

import pytest
from typer.testing import CliRunner

from sendassure.cli import app
from sendassure.figures.service import figures_for
from sendassure.kpis import periods as P
from sendassure.quality.models import Audit, FollowUp

runner = CliRunner()
HEAD = "audit_ref,plan_ref,audit_date,auditor,agency,overall_grade"
ROWS = [("Q1", 1, "2024-01-10", "good"), ("Q2", 2, "2024-02-10", "good"),
        ("Q3", 3, "2024-03-10", "outstanding"), ("Q4", 4, "2024-03-11", "requires_improvement"),
        ("Q5", 5, "2024-03-12", "good"), ("Q6", 6, "2024-04-02", "inadequate")]


@pytest.fixture
def audited(tmp_path, children):
    path = tmp_path / "audits.csv"
    path.write_text("\n".join([HEAD] + [f"{r},{children[c]},{d},Ann,education,{g}"
                                        for r, c, d, g in ROWS]) + "\n")
    assert runner.invoke(app, ["audits", "import", str(path)]).exit_code == 0


def test_the_first_quarter_by_hand(audited):
    # Q1 2024: Q1-Q5; good 3, outstanding 1, requires improvement 1: 4 of 5 = 80.0%
    exact = figures_for(["886"], date(2024, 6, 30)).family("plan_quality", P.quarter(2024, 1))
    assert {k: exact[k].value for k in ("audits", "outstanding", "good",
                                        "requires_improvement", "inadequate",
                                        "good_or_better", "needing_follow_up")} == {
        "audits": 5, "outstanding": 1, "good": 3, "requires_improvement": 1, "inadequate": 0,
        "good_or_better": 4, "needing_follow_up": 1}
    assert str(exact["pc_good_or_better"].value) == "80.0"


def test_a_weak_plan_gets_follow_ups_and_the_loop_closes_when_they_are_done(audited):
    weak = Audit.objects.get(reference="Q4")  # requires improvement, 11 March 2024
    assert sorted(weak.follow_ups.values_list("kind", "due_date")) == [
        ("amend_plan", date(2024, 4, 8)), ("re_audit", date(2024, 6, 3)),
        ("training", date(2024, 5, 6))]
    quarter = P.quarter(2024, 1)
    assert figures_for(["886"], date(2024, 6, 30)).figure(
        "loop_closed", quarter).value == 0
    FollowUp.objects.filter(audit=weak).update(done_on=date(2024, 4, 1))
    from sendassure.core import versions

    versions.changed(["quality"], ["886"])
    assert figures_for(["886"], date(2024, 3, 31)).figure("loop_closed", quarter).value == 0
    later = figures_for(["886"], date(2024, 6, 30))
    assert later.figure("loop_closed", quarter).value == 1
    assert str(later.figure("pc_loop_closed", quarter).value) == "100.0"
    assert Audit.objects.get(reference="Q1").follow_ups.count() == 0  # good: none


def test_aggregate_audiences_see_no_count_from_1_to_4(audited):
    shown = figures_for(["886"], date(2024, 6, 30), controlled=True).family(
        "plan_quality", P.quarter(2024, 1))
    counts = {k: f.text for k, f in shown.items() if f.measure.unit == "count"}
    assert counts["outstanding"] == "c" and counts["requires_improvement"] == "c"
    assert all(t == "c" or not 1 <= int(t) <= 4 for t in counts.values()), counts
    # 4 of 5: the percentage would give the one plan not good or better away
    assert shown["pc_good_or_better"].text == "c"
