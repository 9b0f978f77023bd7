"""r4001_start_date_required: flags what it should, passes a valid record."""

from sendassure.ingest.rules import all_rules
from sendassure.ingest.rules.r4001_start_date_required import start_date_required


def test_start_date_required_flags(build, check):
    issues = check(start_date_required, build(named_plan={"StartDate": None}))
    assert [(i.code, i.severity, i.field, i.value) for i in issues] == [
        ("SEN2-4001", "query", "StartDate", None),
    ]


def test_start_date_required_passes_valid(build, check):
    assert check(start_date_required, build()) == []
    assert start_date_required in all_rules()
