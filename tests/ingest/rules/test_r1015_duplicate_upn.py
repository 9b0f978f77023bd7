"""r1015_duplicate_upn: flags what it should, passes a valid record."""

from sendassure.ingest.rules import all_rules
from sendassure.ingest.rules.r1015_duplicate_upn import duplicate_upn


def test_duplicate_upn_flags(build, check):
    issues = check(duplicate_upn, build(), build(location="/Message/Persons/Person[2]"))
    assert [(i.code, i.severity, i.field, i.value) for i in issues] == [
        ("SEN2-1015", "query", "UPN", "B801200005001"),
    ]
    assert issues[0].location == "/Message/Persons/Person[2]/UPN"
    assert "at /Message/Persons/Person[1]" in issues[0].message


def test_duplicate_upn_passes_valid(build, check):
    assert (
        check(
            duplicate_upn,
            build(),
            build(person={"UPN": "A80120000500A"}, location="/Message/Persons/Person[2]"),
        )
        == []
    )
    assert duplicate_upn in all_rules()
