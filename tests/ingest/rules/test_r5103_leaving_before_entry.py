"""r5103_leaving_before_entry: flags what it should, passes a valid record."""

from sendassure.ingest.rules import all_rules
from sendassure.ingest.rules.r5103_leaving_before_entry import leaving_before_entry


def test_leaving_before_entry_flags(build, check):
    issues = check(leaving_before_entry, build(placements=[{"LeavingDate": "2024-08-31"}]))
    assert [(i.code, i.severity, i.field, i.value) for i in issues] == [
        ("SEN2-5103", "query", "LeavingDate", "2024-08-31"),
    ]
    assert issues[0].message == "LeavingDate 2024-08-31 is before EntryDate 2024-09-01"


def test_leaving_before_entry_passes_valid(build, check):
    assert check(leaving_before_entry, build(placements=[{"LeavingDate": "2024-09-01"}])) == []
    assert leaving_before_entry in all_rules()
