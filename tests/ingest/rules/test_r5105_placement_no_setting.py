"""r5105_placement_no_setting: flags what it should, passes a valid record."""

from sendassure.ingest.rules import all_rules
from sendassure.ingest.rules.r5105_placement_no_setting import placement_no_setting


def test_placement_no_setting_flags(build, check):
    issues = check(placement_no_setting, build(placements=[{"URN": None}]))
    assert [(i.code, i.severity, i.field, i.value) for i in issues] == [
        ("SEN2-5105", "query", "URN", None),
    ]


def test_placement_no_setting_passes_valid(build, check):
    assert check(placement_no_setting, build(placements=[{"URN": None, "SENSetting": "OLA"}])) == []
    assert placement_no_setting in all_rules()
