"""r2000_request_outcome: flags what it should, passes a valid record."""

from sendassure.ingest.rules import all_rules
from sendassure.ingest.rules.r2000_request_outcome import request_outcome


def test_request_outcome_flags(build, check):
    issues = check(request_outcome, build(request={"RequestOutcome": "XX"}))
    assert [(i.code, i.severity, i.field, i.value) for i in issues] == [
        ("SEN2-2000", "error", "RequestOutcome", "[shape AA, 2 characters]"),
    ]
    assert issues[0].location == "/Message/Persons/Person[1]/Requests[1]/RequestOutcome"
    assert issues[0].scope == "request" and issues[0].request_index == 0
    missing = check(request_outcome, build(request={"RequestOutcome": None}))
    assert [i.message for i in missing] == ["RequestOutcome is missing"]


def test_request_outcome_passes_valid(build, check):
    assert check(request_outcome, build()) == []
    assert request_outcome in all_rules()
