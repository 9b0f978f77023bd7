"""r1010_upn_format: flags what it should, passes a valid record."""

from sendassure.ingest.rules import all_rules
from sendassure.ingest.rules.r1010_upn_format import upn_format


def test_upn_format_flags(build, check):
    issues = check(upn_format, build(person={"UPN": "X1234567898765"}))
    assert [(i.code, i.severity, i.field, i.value) for i in issues] == [
        ("SEN2-1010", "query", "UPN", "[shape A9999999999999, 14 characters]"),
    ]
    assert issues[0].location == "/Message/Persons/Person[1]/UPN"
    assert "UPN [shape A9999999999999, 14 characters]" in issues[0].message
    assert check(upn_format, build(person={"UPN": "A80120000500A"})) == []  # temporary UPN
    assert check(upn_format, build(person={"UPN": None})) == []


def test_upn_format_passes_valid(build, check):
    assert check(upn_format, build()) == []
    assert upn_format in all_rules()
