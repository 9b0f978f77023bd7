"""r2013_repeated_request: two requests of one person cannot share their match date."""

from sendassure.ingest.records import Request
from sendassure.ingest.rules import all_rules
from sendassure.ingest.rules.r2013_repeated_request import repeated_request


def _twice(build, second_fields):
    person = build()
    first = person.requests[0]
    second = Request(first.location.replace("[1]", "[2]"), {**first.fields, **second_fields})
    person.requests.append(second)
    return person


def test_a_repeated_received_date_is_an_error_on_the_second_request(build, check):
    issues = check(repeated_request, _twice(build, {}))
    assert [(i.code, i.severity, i.field, i.value, i.request_index) for i in issues] == [
        ("SEN2-2013", "error", "ReceivedDate", "2024-03-01", 1),
    ]
    assert issues[0].location.endswith("Requests[2]/ReceivedDate")
    assert "repeats request 1" in issues[0].message


def test_different_dates_pass(build, check):
    assert check(repeated_request, _twice(build, {"ReceivedDate": "2024-05-01"})) == []
    assert repeated_request in all_rules()
