"""r4006_start_after_reference: flags what it should, passes a valid record."""

from sendassure.ingest.rules import all_rules
from sendassure.ingest.rules.r4006_start_after_reference import start_after_reference


def test_start_after_reference_flags(build, check):
    issues = check(start_after_reference, build(named_plan={"StartDate": "2025-01-17"}))
    assert [(i.code, i.severity, i.field, i.value) for i in issues] == [
        ("SEN2-4006", "error", "StartDate", "2025-01-17"),
    ]


def test_start_after_reference_passes_valid(build, check):
    assert check(start_after_reference, build()) == []
    assert start_after_reference in all_rules()
