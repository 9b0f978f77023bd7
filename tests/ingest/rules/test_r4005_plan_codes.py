"""r4005_plan_codes: flags what it should, passes a valid record."""

from sendassure.ingest.rules import all_rules
from sendassure.ingest.rules.r4005_plan_codes import plan_codes


def test_plan_codes_flags(build, check):
    issues = check(
        plan_codes,
        build(
            named_plan={
                "CeaseReason": "10",
                "PlanRes": "C",
                "PlanWBP": "X",
                "DP": "Z",
                "PB": "2",
                "OA": "Y",
            }
        ),
    )
    assert [(i.code, i.severity, i.field, i.value) for i in issues] == [
        ("SEN2-4005", "query", "CeaseReason", "[shape 99, 2 characters]"),
        ("SEN2-4005", "query", "PlanRes", "[shape A, 1 character]"),
        ("SEN2-4005", "query", "PlanWBP", "[shape A, 1 character]"),
        ("SEN2-4005", "query", "DP", "[shape A, 1 character]"),
        ("SEN2-4005", "query", "PB", "[shape 9, 1 character]"),
        ("SEN2-4005", "query", "OA", "[shape A, 1 character]"),
    ]


def test_plan_codes_passes_valid(build, check):
    assert (
        check(
            plan_codes,
            build(named_plan={"PlanRes": "B", "PlanWBP": "S", "DP": "I", "CeaseReason": "1"}),
        )
        == []
    )
    assert plan_codes in all_rules()
