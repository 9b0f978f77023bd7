"""r5101_placement_codes: flags what it should, passes a valid record."""

from sendassure.ingest.rules import all_rules
from sendassure.ingest.rules.r5101_placement_codes import placement_codes


def test_placement_codes_flags(build, check):
    issues = check(placement_codes, build(placements=[{"SENSetting": "XYZ", "WBP": "Q"}]))
    assert [(i.code, i.severity, i.field, i.value) for i in issues] == [
        ("SEN2-5101", "query", "SENSetting", "[shape AAA, 3 characters]"),
        ("SEN2-5101", "query", "WBP", "[shape A, 1 character]"),
    ]


def test_placement_codes_passes_valid(build, check):
    assert (
        check(
            placement_codes,
            build(placements=[{"URN": None, "SENSetting": "NEET", "Res": "A", "WBP": "T"}]),
        )
        == []
    )
    assert placement_codes in all_rules()
