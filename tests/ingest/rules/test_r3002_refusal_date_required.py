"""r3002_refusal_date_required: flags what it should, passes a valid record."""

from sendassure.ingest.rules import all_rules
from sendassure.ingest.rules.r3002_refusal_date_required import refusal_date_required


def test_refusal_date_required_flags(build, check):
    issues = check(
        refusal_date_required,
        build(assessment={"AssessmentOutcome": "N", "AssessmentOutcomeDate": None}),
    )
    assert [(i.code, i.severity, i.field, i.value) for i in issues] == [
        ("SEN2-3002", "error", "AssessmentOutcomeDate", None),
    ]


def test_refusal_date_required_passes_valid(build, check):
    assert (
        check(
            refusal_date_required,
            build(assessment={"AssessmentOutcome": "W", "AssessmentOutcomeDate": None}),
        )
        == []
    )
    assert refusal_date_required in all_rules()
