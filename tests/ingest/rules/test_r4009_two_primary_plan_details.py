"""r4009_two_primary_plan_details: flags what it should, passes a valid record."""

from sendassure.ingest.rules import all_rules
from sendassure.ingest.rules.r4009_two_primary_plan_details import two_primary_plan_details


def test_two_primary_plan_details_flags(build, check):
    issues = check(two_primary_plan_details, build(plan_details=[{}, {"URN": "100001"}]))
    assert [(i.code, i.severity, i.field, i.value) for i in issues] == [
        ("SEN2-4009", "query", "PlacementRank", "1"),
    ]
    assert (
        issues[0].location
        == "/Message/Persons/Person[1]/Requests[1]/Assessment/NamedPlan/PlanDetail[2]/PlacementRank"
    )


def test_two_primary_plan_details_passes_valid(build, check):
    assert check(two_primary_plan_details, build(plan_details=[{}, {"PlacementRank": "2"}])) == []
    assert two_primary_plan_details in all_rules()
