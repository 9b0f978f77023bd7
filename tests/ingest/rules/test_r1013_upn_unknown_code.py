"""r1013_upn_unknown_code: flags what it should, passes a valid record."""

from sendassure.ingest.rules import all_rules
from sendassure.ingest.rules.r1013_upn_unknown_code import upn_unknown_code


def test_upn_unknown_code_flags(build, check):
    issues = check(upn_unknown_code, build(person={"UPNunknown": "UN4"}))
    assert [(i.code, i.severity, i.field, i.value) for i in issues] == [
        ("SEN2-1013", "query", "UPNunknown", "[shape AA9, 3 characters]"),
    ]


def test_upn_unknown_code_passes_valid(build, check):
    assert check(upn_unknown_code, build(person={"UPNunknown": "UN10"})) == []
    assert upn_unknown_code in all_rules()
