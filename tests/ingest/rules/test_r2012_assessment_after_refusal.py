"""r2012_assessment_after_refusal: flags what it should, passes a valid record."""

from sendassure.ingest.rules import all_rules
from sendassure.ingest.rules.r2012_assessment_after_refusal import assessment_after_refusal


def test_assessment_after_refusal_flags(build, check):
    issues = check(
        assessment_after_refusal,
        build(request={"RequestOutcome": "N"}, assessment={"AssessmentOutcome": "A"}),
    )
    assert [(i.code, i.severity, i.field, i.value) for i in issues] == [
        ("SEN2-2012", "query", "RequestOutcome", "N"),
    ]
    assert "AssessmentOutcome A" in issues[0].message


def test_assessment_after_refusal_passes_valid(build, check):
    assert (
        check(assessment_after_refusal, build(request={"RequestOutcome": "N"}, assessment=False))
        == []
    )
    assert assessment_after_refusal in all_rules()


def test_an_assessment_outcome_that_is_not_a_code_is_shown_by_shape(build, check):
    issues = check(
        assessment_after_refusal,
        build(request={"RequestOutcome": "W"}, assessment={"AssessmentOutcome": "Quillamina"}),
    )
    assert "Quillamina" not in issues[0].message
    assert issues[0].message.endswith("AssessmentOutcome [shape Aaaaaaaaaa, 10 characters]")
