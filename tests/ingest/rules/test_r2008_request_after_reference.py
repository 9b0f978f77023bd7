"""r2008_request_after_reference: flags what it should, passes a valid record."""

from sendassure.ingest.rules import all_rules
from sendassure.ingest.rules.r2008_request_after_reference import request_after_reference


def test_request_after_reference_flags(build, check):
    issues = check(request_after_reference, build(request={"ReceivedDate": "2025-01-17"}))
    assert [(i.code, i.severity, i.field, i.value) for i in issues] == [
        ("SEN2-2008", "error", "ReceivedDate", "2025-01-17"),
    ]


def test_request_after_reference_passes_valid(build, check):
    assert check(request_after_reference, build(request={"ReceivedDate": "2025-01-16"})) == []
    assert request_after_reference in all_rules()
