"""r5104_entry_after_reference: flags what it should, passes a valid record."""

from sendassure.ingest.rules import all_rules
from sendassure.ingest.rules.r5104_entry_after_reference import entry_after_reference


def test_entry_after_reference_flags(build, check):
    issues = check(entry_after_reference, build(placements=[{"EntryDate": "2025-09-01"}]))
    assert [(i.code, i.severity, i.field, i.value) for i in issues] == [
        ("SEN2-5104", "query", "EntryDate", "2025-09-01"),
    ]


def test_entry_after_reference_passes_valid(build, check):
    assert check(entry_after_reference, build()) == []
    assert entry_after_reference in all_rules()
