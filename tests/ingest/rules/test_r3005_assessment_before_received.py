"""r3005_assessment_before_received: flags what it should, passes a valid record."""

from sendassure.ingest.rules import all_rules
from sendassure.ingest.rules.r3005_assessment_before_received import assessment_before_received


def test_assessment_before_received_flags(build, check):
    issues = check(
        assessment_before_received,
        build(
            assessment={"AssessmentOutcomeDate": "2024-01-03"},
            request={"ReceivedDate": "2024-02-01", "RequestOutcomeDate": None},
        ),
    )
    assert [(i.code, i.severity, i.field, i.value) for i in issues] == [
        ("SEN2-3005", "error", "AssessmentOutcomeDate", "2024-01-03"),
    ]
    assert issues[0].message.startswith(
        "AssessmentOutcomeDate 2024-01-03 is before ReceivedDate 2024-02-01"
    )


def test_assessment_before_received_passes_valid(build, check):
    assert check(assessment_before_received, build()) == []
    assert assessment_before_received in all_rules()
