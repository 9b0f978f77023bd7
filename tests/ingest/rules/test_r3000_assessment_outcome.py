"""r3000_assessment_outcome: flags what it should, passes a valid record."""

from sendassure.ingest.rules import all_rules
from sendassure.ingest.rules.r3000_assessment_outcome import assessment_outcome


def test_assessment_outcome_flags(build, check):
    issues = check(assessment_outcome, build(assessment={"AssessmentOutcome": "XX"}))
    assert [(i.code, i.severity, i.field, i.value) for i in issues] == [
        ("SEN2-3000", "error", "AssessmentOutcome", "[shape AA, 2 characters]"),
    ]
    assert (
        issues[0].location == "/Message/Persons/Person[1]/Requests[1]/Assessment/AssessmentOutcome"
    )


def test_assessment_outcome_passes_valid(build, check):
    assert check(assessment_outcome, build(assessment={"AssessmentOutcome": "H"})) == []
    assert assessment_outcome in all_rules()
