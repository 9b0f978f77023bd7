"""r2002_received_date_required: flags what it should, passes a valid record."""

from sendassure.ingest.rules import all_rules
from sendassure.ingest.rules.r2002_received_date_required import received_date_required


def test_received_date_required_flags(build, check):
    issues = check(received_date_required, build(request={"ReceivedDate": None}))
    assert [(i.code, i.severity, i.field, i.value) for i in issues] == [
        ("SEN2-2002", "error", "ReceivedDate", None),
    ]


def test_received_date_required_passes_valid(build, check):
    assert (
        check(received_date_required, build(request={"ReceivedDate": None, "RequestOutcome": "H"}))
        == []
    )
    assert received_date_required in all_rules()
