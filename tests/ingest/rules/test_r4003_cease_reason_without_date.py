"""r4003_cease_reason_without_date: flags what it should, passes a valid record."""

from sendassure.ingest.rules import all_rules
from sendassure.ingest.rules.r4003_cease_reason_without_date import cease_reason_without_date


def test_cease_reason_without_date_flags(build, check):
    issues = check(cease_reason_without_date, build(named_plan={"CeaseReason": "4"}))
    assert [(i.code, i.severity, i.field, i.value) for i in issues] == [
        ("SEN2-4003", "query", "CeaseReason", "4"),
    ]


def test_cease_reason_without_date_passes_valid(build, check):
    assert (
        check(
            cease_reason_without_date,
            build(named_plan={"CeaseReason": "4", "CeaseDate": "2024-12-01"}),
        )
        == []
    )
    assert cease_reason_without_date in all_rules()
