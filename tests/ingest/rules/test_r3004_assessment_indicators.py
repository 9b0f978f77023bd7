"""r3004_assessment_indicators: flags what it should, passes a valid record."""

from sendassure.ingest.rules import all_rules
from sendassure.ingest.rules.r3004_assessment_indicators import assessment_indicators


def test_assessment_indicators_flags(build, check):
    issues = check(assessment_indicators, build(assessment={"Week20": "Y"}))
    assert [(i.code, i.severity, i.field, i.value) for i in issues] == [
        ("SEN2-3004", "query", "Week20", "[shape A, 1 character]"),
    ]


def test_assessment_indicators_passes_valid(build, check):
    assert (
        check(assessment_indicators, build(assessment={"Week20": "1", "OtherTribunal": "1"})) == []
    )
    assert assessment_indicators in all_rules()
