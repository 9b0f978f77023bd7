"""r5002_active_plan_codes: flags what it should, passes a valid record."""

from sendassure.ingest.rules import all_rules
from sendassure.ingest.rules.r5002_active_plan_codes import active_plan_codes


def test_active_plan_codes_flags(build, check):
    issues = check(active_plan_codes, build(active_plan={"ReviewOutcome": "X", "Res": "Z"}))
    assert [(i.code, i.severity, i.field, i.value) for i in issues] == [
        ("SEN2-5002", "query", "ReviewOutcome", "[shape A, 1 character]"),
        ("SEN2-5002", "query", "Res", "[shape A, 1 character]"),
    ]


def test_active_plan_codes_passes_valid(build, check):
    assert (
        check(active_plan_codes, build(active_plan={"ReviewOutcome": "C", "Res": "B", "WBP": "A"}))
        == []
    )
    assert active_plan_codes in all_rules()
