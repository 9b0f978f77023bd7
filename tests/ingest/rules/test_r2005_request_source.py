"""r2005_request_source: flags what it should, passes a valid record."""

from sendassure.ingest.rules import all_rules
from sendassure.ingest.rules.r2005_request_source import request_source


def test_request_source_flags(build, check):
    issues = check(request_source, build(request={"RequestSource": "6"}))
    assert [(i.code, i.severity, i.field, i.value) for i in issues] == [
        ("SEN2-2005", "query", "RequestSource", "[shape 9, 1 character]"),
    ]


def test_request_source_passes_valid(build, check):
    assert check(request_source, build(request={"RequestSource": "5"})) == []
    assert request_source in all_rules()
