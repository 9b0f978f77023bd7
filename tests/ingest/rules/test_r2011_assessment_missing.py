"""r2011_assessment_missing: flags what it should, passes a valid record."""

from sendassure.ingest.rules import all_rules
from sendassure.ingest.rules.r2011_assessment_missing import assessment_missing


def test_assessment_missing_flags(build, check):
    issues = check(assessment_missing, build(assessment=False))
    assert [(i.code, i.severity, i.field, i.value) for i in issues] == [
        ("SEN2-2011", "query", "AssessmentOutcome", None),
    ]
    blank = check(assessment_missing, build(assessment={"AssessmentOutcome": None}))
    assert [(i.code, i.location) for i in blank] == [
        ("SEN2-2011", "/Message/Persons/Person[1]/Requests[1]/Assessment/AssessmentOutcome")
    ]


def test_assessment_missing_passes_valid(build, check):
    assert check(assessment_missing, build(request={"RequestOutcome": "A"}, assessment=False)) == []
    assert assessment_missing in all_rules()
