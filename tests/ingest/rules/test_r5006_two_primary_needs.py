"""r5006_two_primary_needs: flags what it should, passes a valid record."""

from sendassure.ingest.rules import all_rules
from sendassure.ingest.rules.r5006_two_primary_needs import two_primary_needs


def test_two_primary_needs_flags(build, check):
    issues = check(two_primary_needs, build(sen_needs=[{}, {"SENtype": "SLCN"}]))
    assert [(i.code, i.severity, i.field, i.value) for i in issues] == [
        ("SEN2-5006", "query", "SENtypeRank", "1"),
    ]
    assert (
        issues[0].location
        == "/Message/Persons/Person[1]/Requests[1]/ActivePlans/SENneed[2]/SENtypeRank"
    )


def test_two_primary_needs_passes_valid(build, check):
    assert (
        check(two_primary_needs, build(sen_needs=[{}, {"SENtype": "SLCN", "SENtypeRank": "2"}]))
        == []
    )
    assert two_primary_needs in all_rules()
