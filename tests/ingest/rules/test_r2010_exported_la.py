"""r2010_exported_la: flags what it should, passes a valid record."""

from sendassure.ingest.rules import all_rules
from sendassure.ingest.rules.r2010_exported_la import exported_la


def test_exported_la_flags(build, check):
    issues = check(exported_la, build(request={"Exported": "XX"}))
    assert [(i.code, i.severity, i.field, i.value) for i in issues] == [
        ("SEN2-2010", "query", "Exported", "[shape AA, 2 characters]"),
    ]


def test_exported_la_passes_valid(build, check):
    assert check(exported_la, build(request={"Exported": "886"})) == []
    assert exported_la in all_rules()
