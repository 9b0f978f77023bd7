"""r3003_plan_date_missing: flags what it should, passes a valid record."""

from sendassure.ingest.rules import all_rules
from sendassure.ingest.rules.r3003_plan_date_missing import plan_date_missing


def test_plan_date_missing_flags(build, check):
    issues = check(plan_date_missing, build(assessment={"AssessmentOutcomeDate": None}))
    assert [(i.code, i.severity, i.field, i.value) for i in issues] == [
        ("SEN2-3003", "query", "AssessmentOutcomeDate", None),
    ]


def test_plan_date_missing_passes_valid(build, check):
    assert (
        check(
            plan_date_missing,
            build(assessment={"AssessmentOutcome": "A", "AssessmentOutcomeDate": None}),
        )
        == []
    )
    assert plan_date_missing in all_rules()
