"""r3006_assessment_before_decision: flags what it should, passes a valid record."""

from sendassure.ingest.rules import all_rules
from sendassure.ingest.rules.r3006_assessment_before_decision import assessment_before_decision


def test_assessment_before_decision_flags(build, check):
    issues = check(
        assessment_before_decision, build(assessment={"AssessmentOutcomeDate": "2024-04-09"})
    )
    assert [(i.code, i.severity, i.field, i.value) for i in issues] == [
        ("SEN2-3006", "query", "AssessmentOutcomeDate", "2024-04-09"),
    ]
    assert "RequestOutcomeDate 2024-04-10" in issues[0].message


def test_assessment_before_decision_passes_valid(build, check):
    assert (
        check(assessment_before_decision, build(assessment={"AssessmentOutcomeDate": "2024-04-10"}))
        == []
    )
    assert assessment_before_decision in all_rules()
