"""r5200_sen_type: flags what it should, passes a valid record."""

from sendassure.ingest.rules import all_rules
from sendassure.ingest.rules.r5200_sen_type import sen_type


def test_sen_type_flags(build, check):
    issues = check(sen_type, build(sen_needs=[{"SENtype": "ADHD"}]))
    assert [(i.code, i.severity, i.field, i.value) for i in issues] == [
        ("SEN2-5200", "query", "SENtype", "[shape AAAA, 4 characters]"),
    ]
    missing = check(sen_type, build(sen_needs=[{"SENtype": None}]))
    assert [(i.field, i.value) for i in missing] == [("SENtype", None)]


def test_sen_type_passes_valid(build, check):
    assert check(sen_type, build(sen_needs=[{"SENtype": "PMLD"}])) == []
    assert sen_type in all_rules()
