"""r1001_birth_after_reference: flags what it should, passes a valid record."""

from sendassure.ingest.rules import all_rules
from sendassure.ingest.rules.r1001_birth_after_reference import birth_after_reference


def test_birth_after_reference_flags(build, check):
    issues = check(birth_after_reference, build(person={"PersonBirthDate": "2025-01-17"}))
    assert [(i.code, i.severity, i.field, i.value) for i in issues] == [
        ("SEN2-1001", "error", "PersonBirthDate", "2025-01"),
    ]
    assert "after the ReferenceDate 2025-01-16" in issues[0].message


def test_birth_after_reference_passes_valid(build, check):
    assert check(birth_after_reference, build(person={"PersonBirthDate": "2025-01-16"})) == []
    assert birth_after_reference in all_rules()
