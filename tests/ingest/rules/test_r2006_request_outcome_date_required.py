"""r2006_request_outcome_date_required: flags what it should, passes a valid record."""

from sendassure.ingest.rules import all_rules
from sendassure.ingest.rules.r2006_request_outcome_date_required import (
    request_outcome_date_required,
)


def test_request_outcome_date_required_flags(build, check):
    issues = check(
        request_outcome_date_required,
        build(request={"RequestOutcomeDate": None, "RequestOutcome": "N"}),
    )
    assert [(i.code, i.severity, i.field, i.value) for i in issues] == [
        ("SEN2-2006", "query", "RequestOutcomeDate", None),
    ]


def test_request_outcome_date_required_passes_valid(build, check):
    assert (
        check(
            request_outcome_date_required,
            build(request={"RequestOutcomeDate": None, "RequestOutcome": "A"}),
        )
        == []
    )
    assert request_outcome_date_required in all_rules()
