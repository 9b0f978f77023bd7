"""r5001_transfer_la: flags what it should, passes a valid record."""

from sendassure.ingest.rules import all_rules
from sendassure.ingest.rules.r5001_transfer_la import transfer_la


def test_transfer_la_flags(build, check):
    issues = check(transfer_la, build(active_plan={"TransferLA": "88"}))
    assert [(i.code, i.severity, i.field, i.value) for i in issues] == [
        ("SEN2-5001", "query", "TransferLA", "[shape 99, 2 characters]"),
    ]


def test_transfer_la_passes_valid(build, check):
    assert check(transfer_la, build(active_plan={"TransferLA": "886"})) == []
    assert transfer_la in all_rules()
