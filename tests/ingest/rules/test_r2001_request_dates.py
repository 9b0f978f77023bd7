"""r2001_request_dates: flags what it should, passes a valid record."""

from sendassure.ingest.rules import all_rules
from sendassure.ingest.rules.r2001_request_dates import request_dates


def test_request_dates_flags(build, check):
    issues = check(request_dates, build(request={"RequestOutcomeDate": "XXXX-12-01"}))
    assert [(i.code, i.severity, i.field, i.value) for i in issues] == [
        ("SEN2-2001", "error", "RequestOutcomeDate", "[shape AAAA-99-99, 10 characters]"),
    ]
    assert issues[0].message == (
        "RequestOutcomeDate [shape AAAA-99-99, 10 characters] is not a date in the form "
        "YYYY-MM-DD")


def test_request_dates_passes_valid(build, check):
    assert check(request_dates, build(request={"ReceivedDate": "2024-03-01T00:00:00"})) == []
    assert request_dates in all_rules()
