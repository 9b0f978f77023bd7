"""r1021_ethnicity: flags what it should, passes a valid record."""

from sendassure.ingest.rules import all_rules
from sendassure.ingest.rules.r1021_ethnicity import ethnicity


def test_ethnicity_flags(build, check):
    issues = check(ethnicity, build(person={"Ethnicity": "XXXX"}))
    assert [(i.code, i.severity, i.field, i.value) for i in issues] == [
        ("SEN2-1021", "query", "Ethnicity", "[shape AAAA, 4 characters]"),
    ]


def test_ethnicity_passes_valid(build, check):
    assert check(ethnicity, build(person={"Ethnicity": "REFU"})) == []
    assert ethnicity in all_rules()
