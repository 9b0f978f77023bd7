"""r2009_request_before_birth: flags what it should, passes a valid record."""

from sendassure.ingest.rules import all_rules
from sendassure.ingest.rules.r2009_request_before_birth import request_before_birth


def test_request_before_birth_flags(build, check):
    issues = check(request_before_birth, build(request={"ReceivedDate": "2012-03-03"}))
    assert [(i.code, i.severity, i.field, i.value) for i in issues] == [
        ("SEN2-2009", "query", "ReceivedDate", "2012-03-03"),
    ]
    assert "PersonBirthDate 2012-03-04" in issues[0].message


def test_request_before_birth_passes_valid(build, check):
    assert check(request_before_birth, build(request={"ReceivedDate": "2012-03-04"})) == []
    assert request_before_birth in all_rules()
