"""r1000_birth_date: flags what it should, passes a valid record."""

from sendassure.ingest.rules import all_rules
from sendassure.ingest.rules.r1000_birth_date import birth_date


def test_birth_date_flags(build, check):
    issues = check(birth_date, build(person={"PersonBirthDate": "04/03/2012"}))
    assert [(i.code, i.severity, i.field, i.value) for i in issues] == [
        ("SEN2-1000", "error", "PersonBirthDate", "[shape 99/99/9999, 10 characters]"),
    ]
    assert issues[0].location == "/Message/Persons/Person[1]/PersonBirthDate"
    assert issues[0].scope == "person" and issues[0].request_index is None
    missing = check(birth_date, build(person={"PersonBirthDate": None}))
    assert [(i.field, i.value, i.message) for i in missing] == [
        ("PersonBirthDate", None, "PersonBirthDate is missing")
    ]


def test_birth_date_passes_valid(build, check):
    assert check(birth_date, build()) == []
    assert birth_date in all_rules()
