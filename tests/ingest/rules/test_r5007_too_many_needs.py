"""r5007_too_many_needs: flags what it should, passes a valid record."""

from sendassure.ingest.rules import all_rules
from sendassure.ingest.rules.r5007_too_many_needs import too_many_needs


def test_too_many_needs_flags(build, check):
    issues = check(
        too_many_needs,
        build(
            sen_needs=[
                {},
                {"SENtype": "SLCN", "SENtypeRank": "2"},
                {"SENtype": "HI", "SENtypeRank": "2"},
            ]
        ),
    )
    assert [(i.code, i.severity, i.field, i.value) for i in issues] == [
        ("SEN2-5007", "query", "SENtype", "HI"),
    ]
    assert (
        issues[0].location
        == "/Message/Persons/Person[1]/Requests[1]/ActivePlans/SENneed[3]/SENtype"
    )


def test_too_many_needs_passes_valid(build, check):
    assert (
        check(too_many_needs, build(sen_needs=[{}, {"SENtype": "SLCN", "SENtypeRank": "2"}])) == []
    )
    assert too_many_needs in all_rules()
