"""r1020_sex: flags what it should, passes a valid record."""

from sendassure.ingest.rules import all_rules
from sendassure.ingest.rules.r1020_sex import sex


def test_sex_flags(build, check):
    issues = check(sex, build(person={"Sex": "X"}))
    assert [(i.code, i.severity, i.field, i.value) for i in issues] == [
        ("SEN2-1020", "query", "Sex", "[shape A, 1 character]"),
    ]
    gender_2023 = build(person={"Sex": None, "GenderCurrent": "2"})
    assert check(sex, gender_2023) == []
    missing = check(sex, build(person={"Sex": None}))
    assert [(i.field, i.message) for i in missing] == [("Sex", "Sex is missing")]


def test_sex_passes_valid(build, check):
    assert check(sex, build()) == []
    assert sex in all_rules()
