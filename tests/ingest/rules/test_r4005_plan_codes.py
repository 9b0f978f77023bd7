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
        ("SEN2-4005", "query", "CeaseReason", "10"),
        ("SEN2-4005", "query", "PlanRes", "C"),
        ("SEN2-4005", "query", "PlanWBP", "X"),
        ("SEN2-4005", "query", "DP", "Z"),
        ("SEN2-4005", "query", "PB", "2"),
        ("SEN2-4005", "query", "OA", "Y"),
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
