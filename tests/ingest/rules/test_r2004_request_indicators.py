"""r2004_request_indicators: flags what it should, passes a valid record."""

from sendassure.ingest.rules import all_rules
from sendassure.ingest.rules.r2004_request_indicators import request_indicators


def test_request_indicators_flags(build, check):
    issues = check(request_indicators, build(request={"RYA": "99", "RequestTribunal": "X"}))
    assert [(i.code, i.severity, i.field, i.value) for i in issues] == [
        ("SEN2-2004", "query", "RYA", "[shape 99, 2 characters]"),
        ("SEN2-2004", "query", "RequestTribunal", "[shape A, 1 character]"),
    ]


def test_request_indicators_passes_valid(build, check):
    assert check(request_indicators, build(request={"RYA": "1", "RequestMediation": "1"})) == []
    assert request_indicators in all_rules()
