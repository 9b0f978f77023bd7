"""r3007_assessment_after_reference: flags what it should, passes a valid record."""

from sendassure.ingest.rules import all_rules
from sendassure.ingest.rules.r3007_assessment_after_reference import assessment_after_reference


def test_assessment_after_reference_flags(build, check):
    issues = check(
        assessment_after_reference, build(assessment={"AssessmentOutcomeDate": "2025-02-01"})
    )
    assert [(i.code, i.severity, i.field, i.value) for i in issues] == [
        ("SEN2-3007", "error", "AssessmentOutcomeDate", "2025-02-01"),
    ]


def test_assessment_after_reference_passes_valid(build, check):
    assert check(assessment_after_reference, build()) == []
    assert assessment_after_reference in all_rules()
