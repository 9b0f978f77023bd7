"""r1014_missing_identifiers: flags what it should, passes a valid record."""

from sendassure.ingest.rules import all_rules
from sendassure.ingest.rules.r1014_missing_identifiers import missing_identifiers


def test_missing_identifiers_flags(build, check):
    issues = check(missing_identifiers, build(person={"UPN": None, "UniqueLearnerNumber": None}))
    assert [(i.code, i.severity, i.field, i.value) for i in issues] == [
        ("SEN2-1014", "query", "UPN", None),
    ]
    assert "(12 on the ReferenceDate)" in issues[0].message  # born 2012-03-04
    under_five = build(
        person={"UPN": None, "UniqueLearnerNumber": None, "PersonBirthDate": "2021-01-01"}
    )
    assert check(missing_identifiers, under_five) == []


def test_missing_identifiers_passes_valid(build, check):
    assert (
        check(
            missing_identifiers,
            build(person={"UPN": None, "UniqueLearnerNumber": None, "UPNunknown": "UN2"}),
        )
        == []
    )
    assert missing_identifiers in all_rules()
