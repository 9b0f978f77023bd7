"""r1011_upn_check_letter: flags what it should, passes a valid record."""

from sendassure.ingest.rules import all_rules
from sendassure.ingest.rules.r1011_upn_check_letter import upn_check_letter_rule


def test_upn_check_letter_rule_flags(build, check):
    issues = check(upn_check_letter_rule, build(person={"UPN": "A801200005001"}))
    assert [(i.code, i.severity, i.field, i.value) for i in issues] == [
        ("SEN2-1011", "query", "UPN", "A*********001"),
    ]
    assert "should start with B" in issues[0].message


def test_upn_check_letter_rule_passes_valid(build, check):
    assert check(upn_check_letter_rule, build(person={"UPN": "B801200005001"})) == []
    assert upn_check_letter_rule in all_rules()
