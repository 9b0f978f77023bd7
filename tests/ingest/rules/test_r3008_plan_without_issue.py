"""r3008_plan_without_issue: flags what it should, passes a valid record."""

from sendassure.ingest.rules import all_rules
from sendassure.ingest.rules.r3008_plan_without_issue import plan_without_issue


def test_plan_without_issue_flags(build, check):
    issues = check(plan_without_issue, build(assessment={"AssessmentOutcome": "N"}))
    assert [(i.code, i.severity, i.field, i.value) for i in issues] == [
        ("SEN2-3008", "query", "AssessmentOutcome", "N"),
    ]


def test_plan_without_issue_passes_valid(build, check):
    assert (
        check(plan_without_issue, build(assessment={"AssessmentOutcome": "N"}, named_plan=False))
        == []
    )
    assert plan_without_issue in all_rules()
