"""r5000_active_plan_dates: flags what it should, passes a valid record."""

from sendassure.ingest.rules import all_rules
from sendassure.ingest.rules.r5000_active_plan_dates import active_plan_dates


def test_active_plan_dates_flags(build, check):
    issues = check(active_plan_dates, build(active_plan={"LastReview": "2024-11-31"}))
    assert [(i.code, i.severity, i.field, i.value) for i in issues] == [
        ("SEN2-5000", "error", "LastReview", "[shape 9999-99-99, 10 characters]"),
    ]
    assert issues[0].location == "/Message/Persons/Person[1]/Requests[1]/ActivePlans/LastReview"


def test_active_plan_dates_passes_valid(build, check):
    assert check(active_plan_dates, build()) == []
    assert active_plan_dates in all_rules()
