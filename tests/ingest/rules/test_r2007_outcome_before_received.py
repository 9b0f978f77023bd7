"""r2007_outcome_before_received: flags what it should, passes a valid record."""

from sendassure.ingest.rules import all_rules
from sendassure.ingest.rules.r2007_outcome_before_received import outcome_before_received


def test_outcome_before_received_flags(build, check):
    issues = check(
        outcome_before_received,
        build(request={"ReceivedDate": "2024-02-01", "RequestOutcomeDate": "2024-01-03"}),
    )
    assert [(i.code, i.severity, i.field, i.value) for i in issues] == [
        ("SEN2-2007", "error", "RequestOutcomeDate", "2024-01-03"),
    ]
    assert issues[0].message.startswith(
        "RequestOutcomeDate 2024-01-03 is before ReceivedDate 2024-02-01"
    )


def test_outcome_before_received_passes_valid(build, check):
    assert (
        check(
            outcome_before_received,
            build(request={"ReceivedDate": "2024-02-01", "RequestOutcomeDate": "2024-02-01"}),
        )
        == []
    )
    assert outcome_before_received in all_rules()
