"""r1003_age_over_25: flags what it should, passes a valid record."""

from sendassure.ingest.rules import all_rules
from sendassure.ingest.rules.r1003_age_over_25 import age_over_25


def test_age_over_25_flags(build, check):
    issues = check(age_over_25, build(person={"PersonBirthDate": "1999-01-16"}))
    assert [(i.code, i.severity, i.field, i.value) for i in issues] == [
        ("SEN2-1003", "error", "PersonBirthDate", "1999-01"),
    ]
    assert "the person 26 on the ReferenceDate" in issues[0].message  # 2025 - 1999 = 26


def test_age_over_25_passes_valid(build, check):
    assert check(age_over_25, build(person={"PersonBirthDate": "1999-01-17"})) == []
    assert age_over_25 in all_rules()
