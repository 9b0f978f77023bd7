"""r4002_cease_before_start: flags what it should, passes a valid record."""

from sendassure.ingest.rules import all_rules
from sendassure.ingest.rules.r4002_cease_before_start import cease_before_start


def test_cease_before_start_flags(build, check):
    issues = check(
        cease_before_start, build(named_plan={"CeaseDate": "2024-07-14", "CeaseReason": "9"})
    )
    assert [(i.code, i.severity, i.field, i.value) for i in issues] == [
        ("SEN2-4002", "error", "CeaseDate", "2024-07-14"),
    ]
    assert issues[0].message == "CeaseDate 2024-07-14 is before StartDate 2024-07-15"


def test_cease_before_start_passes_valid(build, check):
    assert (
        check(cease_before_start, build(named_plan={"CeaseDate": "2024-07-15", "CeaseReason": "9"}))
        == []
    )
    assert cease_before_start in all_rules()
