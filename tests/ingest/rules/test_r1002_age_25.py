"""r1002_age_25: flags what it should, passes a valid record."""

from sendassure.ingest.rules import all_rules
from sendassure.ingest.rules.r1002_age_25 import age_25


def test_age_25_flags(build, check):
    issues = check(age_25, build(person={"PersonBirthDate": "1999-01-17"}))
    assert [(i.code, i.severity, i.field, i.value) for i in issues] == [
        ("SEN2-1002", "query", "PersonBirthDate", "1999-01"),
    ]
    assert check(age_25, build(person={"PersonBirthDate": "1999-01-16"})) == []  # 26: rule 1003


def test_age_25_passes_valid(build, check):
    assert check(age_25, build(person={"PersonBirthDate": "2000-01-17"})) == []
    assert age_25 in all_rules()
