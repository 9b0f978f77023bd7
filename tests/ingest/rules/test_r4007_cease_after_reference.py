"""r4007_cease_after_reference: flags what it should, passes a valid record."""

from sendassure.ingest.rules import all_rules
from sendassure.ingest.rules.r4007_cease_after_reference import cease_after_reference


def test_cease_after_reference_flags(build, check):
    issues = check(
        cease_after_reference, build(named_plan={"CeaseDate": "2025-03-01", "CeaseReason": "1"})
    )
    assert [(i.code, i.severity, i.field, i.value) for i in issues] == [
        ("SEN2-4007", "query", "CeaseDate", "2025-03-01"),
    ]


def test_cease_after_reference_passes_valid(build, check):
    assert (
        check(
            cease_after_reference, build(named_plan={"CeaseDate": "2025-01-16", "CeaseReason": "1"})
        )
        == []
    )
    assert cease_after_reference in all_rules()
