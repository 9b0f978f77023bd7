"""r4008_too_many_plan_details: flags what it should, passes a valid record."""

from sendassure.ingest.rules import all_rules
from sendassure.ingest.rules.r4008_too_many_plan_details import too_many_plan_details


def test_too_many_plan_details_flags(build, check):
    issues = check(
        too_many_plan_details,
        build(plan_details=[{}, {"PlacementRank": "2"}, {"PlacementRank": "2"}]),
    )
    assert [(i.code, i.severity, i.field, i.value) for i in issues] == [
        ("SEN2-4008", "query", "PlacementRank", "2"),
    ]
    assert (
        issues[0].location
        == "/Message/Persons/Person[1]/Requests[1]/Assessment/NamedPlan/PlanDetail[3]/PlacementRank"
    )
    assert "has 3 PlanDetail" in issues[0].message


def test_too_many_plan_details_passes_valid(build, check):
    assert check(too_many_plan_details, build(plan_details=[{}, {"PlacementRank": "2"}])) == []
    assert too_many_plan_details in all_rules()
