"""r5005_two_primary_placements: flags what it should, passes a valid record."""

from sendassure.ingest.rules import all_rules
from sendassure.ingest.rules.r5005_two_primary_placements import two_primary_placements


def test_two_primary_placements_flags(build, check):
    issues = check(two_primary_placements, build(placements=[{}, {"URN": "100001"}]))
    assert [(i.code, i.severity, i.field, i.value) for i in issues] == [
        ("SEN2-5005", "query", "PlacementRank", "1"),
    ]
    assert (
        issues[0].location
        == "/Message/Persons/Person[1]/Requests[1]/ActivePlans/PlacementDetail[2]/PlacementRank"
    )


def test_two_primary_placements_passes_valid(build, check):
    assert (
        check(
            two_primary_placements,
            build(placements=[{"LeavingDate": "2024-10-01"}, {"URN": "100001"}]),
        )
        == []
    )
    assert two_primary_placements in all_rules()
