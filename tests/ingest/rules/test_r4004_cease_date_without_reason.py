"""r4004_cease_date_without_reason: flags what it should, passes a valid record."""

from sendassure.ingest.rules import all_rules
from sendassure.ingest.rules.r4004_cease_date_without_reason import cease_date_without_reason


def test_cease_date_without_reason_flags(build, check):
    issues = check(cease_date_without_reason, build(named_plan={"CeaseDate": "2024-12-01"}))
    assert [(i.code, i.severity, i.field, i.value) for i in issues] == [
        ("SEN2-4004", "query", "CeaseDate", "2024-12-01"),
    ]


def test_cease_date_without_reason_passes_valid(build, check):
    assert (
        check(
            cease_date_without_reason,
            build(named_plan={"CeaseReason": "8", "CeaseDate": "2024-12-01"}),
        )
        == []
    )
    assert cease_date_without_reason in all_rules()
