"""The catalogue as a whole: generated docs, unique codes, a test per rule."""

from __future__ import annotations

from pathlib import Path

from sendassure.ingest.rules import Checker, all_rules
from sendassure.ingest.rules.catalogue import render_markdown

from .conftest import build_person, make_header

ROOT = Path(__file__).resolve().parents[2]


def test_docs_rules_md_is_generated_from_the_code():
    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == render_markdown()


def test_each_rule_has_the_code_its_file_is_named_after():
    # r1002_age_25.py holds SEN2-1002: file names are unique, so the codes are too
    for rule in all_rules():
        module = rule.check.__module__.rsplit(".", 1)[1]
        assert rule.code == f"SEN2-{module[1:5]}", (rule.code, module)
    assert len(all_rules()) >= 32
    assert {r.severity for r in all_rules()} == {"error", "query"}


def test_a_code_cannot_be_registered_twice():
    import pytest

    from sendassure.ingest.rules.registry import _RULES, rule

    def first(record, context):  # pragma: no cover - never run
        yield from ()

    def second(record, context):  # pragma: no cover - never run
        yield from ()

    try:
        rule(code="SEN2-9999", severity="query", module="person", fields=(), message="m")(first)
        with pytest.raises(ValueError, match="used twice"):
            rule(code="SEN2-9999", severity="query", module="person", fields=(),
                 message="m")(second)
    finally:
        _RULES.pop("SEN2-9999", None)


def test_every_rule_file_has_its_own_test():
    rules_dir = ROOT / "src" / "sendassure" / "ingest" / "rules"
    tests_dir = ROOT / "tests" / "ingest" / "rules"
    rule_files = sorted(p.stem for p in rules_dir.glob("r[0-9][0-9][0-9][0-9]_*.py"))
    assert len(rule_files) == len(all_rules())  # one rule per file
    missing = [s for s in rule_files if not (tests_dir / f"test_{s}.py").exists()]
    assert missing == []


def test_a_valid_person_passes_the_whole_catalogue():
    assert Checker(make_header()).check(build_person()) == []


def test_duplicate_upn_state_is_per_checker():
    first, second = Checker(make_header()), Checker(make_header())
    assert first.check(build_person()) == [] and second.check(build_person()) == []
    assert [i.code for i in first.check(build_person())] == ["SEN2-1015"]
