"""r5102_placement_dates: flags what it should, passes a valid record."""

from sendassure.ingest.rules import all_rules
from sendassure.ingest.rules.r5102_placement_dates import placement_dates


def test_placement_dates_flags(build, check):
    issues = check(placement_dates, build(placements=[{"EntryDate": "2024-9-1"}]))
    assert [(i.code, i.severity, i.field, i.value) for i in issues] == [
        ("SEN2-5102", "error", "EntryDate", "[shape 9999-9-9, 8 characters]"),
    ]


def test_placement_dates_passes_valid(build, check):
    assert check(placement_dates, build()) == []
    assert placement_dates in all_rules()
