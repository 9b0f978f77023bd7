"""r5100_placement_identifiers: flags what it should, passes a valid record."""

from sendassure.ingest.rules import all_rules
from sendassure.ingest.rules.r5100_placement_identifiers import placement_identifiers


def test_placement_identifiers_flags(build, check):
    issues = check(placement_identifiers, build(placements=[{"URN": "ABC"}]))
    assert [(i.code, i.severity, i.field, i.value) for i in issues] == [
        ("SEN2-5100", "query", "URN", "[shape AAA, 3 characters]"),
    ]


def test_placement_identifiers_passes_valid(build, check):
    assert check(placement_identifiers, build(placements=[{"URN": "999999"}])) == []
    assert placement_identifiers in all_rules()
