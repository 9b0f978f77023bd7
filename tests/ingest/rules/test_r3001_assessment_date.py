"""r3001_assessment_date: flags what it should, passes a valid record."""

from sendassure.ingest.rules import all_rules
from sendassure.ingest.rules.r3001_assessment_date import assessment_date


def test_assessment_date_flags(build, check):
    issues = check(assessment_date, build(assessment={"AssessmentOutcomeDate": "2024-13-01"}))
    assert [(i.code, i.severity, i.field, i.value) for i in issues] == [
        ("SEN2-3001", "error", "AssessmentOutcomeDate", "[shape 9999-99-99, 10 characters]"),
    ]


def test_assessment_date_passes_valid(build, check):
    assert check(assessment_date, build()) == []
    assert assessment_date in all_rules()
