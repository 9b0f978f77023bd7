"""r4100_plan_detail_identifiers: flags what it should, passes a valid record."""

from sendassure.ingest.rules import all_rules
from sendassure.ingest.rules.r4100_plan_detail_identifiers import plan_detail_identifiers


def test_plan_detail_identifiers_flags(build, check):
    issues = check(
        plan_detail_identifiers, build(plan_details=[{"URN": "1234567", "UKPRN": "1000"}])
    )
    assert [(i.code, i.severity, i.field, i.value) for i in issues] == [
        ("SEN2-4100", "query", "URN", "[shape 9999999, 7 characters]"),
        ("SEN2-4100", "query", "UKPRN", "[shape 9999, 4 characters]"),
    ]


def test_plan_detail_identifiers_passes_valid(build, check):
    assert (
        check(plan_detail_identifiers, build(plan_details=[{"URN": "1", "UKPRN": "10012345"}]))
        == []
    )
    assert plan_detail_identifiers in all_rules()
