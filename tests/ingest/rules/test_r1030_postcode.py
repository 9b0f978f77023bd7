"""r1030_postcode: flags what it should, passes a valid record."""

from sendassure.ingest.rules import all_rules
from sendassure.ingest.rules.r1030_postcode import postcode


def test_postcode_flags(build, check):
    issues = check(postcode, build(person={"PostCode": "KENT"}))
    assert [(i.code, i.severity, i.field, i.value) for i in issues] == [
        ("SEN2-1030", "query", "PostCode", "[shape AAAA, 4 characters]"),
    ]


def test_postcode_passes_valid(build, check):
    assert check(postcode, build(person={"PostCode": "me141xx"})) == []
    assert postcode in all_rules()
