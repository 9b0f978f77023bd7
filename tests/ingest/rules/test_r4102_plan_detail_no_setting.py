"""r4102_plan_detail_no_setting: flags what it should, passes a valid record."""

from sendassure.ingest.rules import all_rules
from sendassure.ingest.rules.r4102_plan_detail_no_setting import plan_detail_no_setting


def test_plan_detail_no_setting_flags(build, check):
    issues = check(plan_detail_no_setting, build(plan_details=[{"URN": None}]))
    assert [(i.code, i.severity, i.field, i.value) for i in issues] == [
        ("SEN2-4102", "query", "URN", None),
    ]


def test_plan_detail_no_setting_passes_valid(build, check):
    assert (
        check(plan_detail_no_setting, build(plan_details=[{"URN": None, "UKPRN": "10012345"}]))
        == []
    )
    assert plan_detail_no_setting in all_rules()
