"""r5008_no_primary_need: flags what it should, passes a valid record."""

from sendassure.ingest.rules import all_rules
from sendassure.ingest.rules.r5008_no_primary_need import no_primary_need


def test_no_primary_need_flags(build, check):
    issues = check(no_primary_need, build(sen_needs=[]))
    assert [(i.code, i.severity, i.field, i.value) for i in issues] == [
        ("SEN2-5008", "query", "SENtypeRank", None),
    ]
    only_secondary = build(sen_needs=[{"SENtypeRank": "2"}])
    assert [i.code for i in check(no_primary_need, only_secondary)] == ["SEN2-5008"]


def test_no_primary_need_passes_valid(build, check):
    assert check(no_primary_need, build()) == []
    assert no_primary_need in all_rules()
