"""r4101_plan_detail_codes: flags what it should, passes a valid record."""

from sendassure.ingest.rules import all_rules
from sendassure.ingest.rules.r4101_plan_detail_codes import plan_detail_codes


def test_plan_detail_codes_flags(build, check):
    issues = check(
        plan_detail_codes,
        build(plan_details=[{"URN": None, "SENSetting": "NEET", "PlacementRank": "3"}]),
    )
    assert [(i.code, i.severity, i.field, i.value) for i in issues] == [
        ("SEN2-4101", "query", "SENSetting", "NEET"),
        ("SEN2-4101", "query", "PlacementRank", "[shape 9, 1 character]"),
    ]
    assert issues[0].message == "SENSetting NEET is not one of the codes OLA, OPA, EHE, EYP, OTH"


def test_plan_detail_codes_passes_valid(build, check):
    assert check(plan_detail_codes, build(plan_details=[{"URN": None, "SENSetting": "EHE"}])) == []
    assert plan_detail_codes in all_rules()
