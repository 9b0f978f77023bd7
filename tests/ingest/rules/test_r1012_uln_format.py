"""r1012_uln_format: flags what it should, passes a valid record."""

from sendassure.ingest.rules import all_rules
from sendassure.ingest.rules.r1012_uln_format import uln_format


def test_uln_format_flags(build, check):
    issues = check(uln_format, build(person={"UniqueLearnerNumber": "123456789"}))
    assert [(i.code, i.severity, i.field, i.value) for i in issues] == [
        ("SEN2-1012", "query", "UniqueLearnerNumber", "[shape 999999999, 9 characters]"),
    ]


def test_uln_format_passes_valid(build, check):
    assert check(uln_format, build()) == []
    assert uln_format in all_rules()
