"""r4000_plan_dates: flags what it should, passes a valid record."""

from sendassure.ingest.rules import all_rules
from sendassure.ingest.rules.r4000_plan_dates import plan_dates


def test_plan_dates_flags(build, check):
    issues = check(plan_dates, build(named_plan={"CeaseDate": "31/12/2024"}))
    assert [(i.code, i.severity, i.field, i.value) for i in issues] == [
        ("SEN2-4000", "error", "CeaseDate", "[shape 99/99/9999, 10 characters]"),
    ]
    assert (
        issues[0].location
        == "/Message/Persons/Person[1]/Requests[1]/Assessment/NamedPlan/CeaseDate"
    )


def test_plan_dates_passes_valid(build, check):
    assert check(plan_dates, build()) == []
    assert plan_dates in all_rules()
