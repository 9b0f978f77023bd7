"""r2003_rya_required: flags what it should, passes a valid record."""

from sendassure.ingest.rules import all_rules
from sendassure.ingest.rules.r2003_rya_required import rya_required


def test_rya_required_flags(build, check):
    issues = check(rya_required, build(request={"RYA": None}))
    assert [(i.code, i.severity, i.field, i.value) for i in issues] == [
        ("SEN2-2003", "query", "RYA", None),
    ]


def test_rya_required_passes_valid(build, check):
    assert check(rya_required, build(request={"RYA": None, "RequestOutcome": "H"})) == []
    assert rya_required in all_rules()
