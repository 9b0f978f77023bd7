"""The referral rules as a catalogue: ten rules, codes unique, one module each and each
module with its own test file beside the others; the command lists them."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from sendassure.cli import app
from sendassure.health.referrals import rules

RULES_DIR = Path(rules.__file__).parent
TESTS_DIR = Path(__file__).parent / "rules"


def test_ten_rules_with_unique_codes():
    codes = [r.code for r in rules.load_rules()]
    assert codes == [f"HR{n:02}" for n in range(1, 11)]


def test_every_rule_module_has_its_test():
    modules = sorted(p.stem for p in RULES_DIR.glob("r[0-9][0-9]_*.py"))
    assert len(modules) == 10
    assert [m for m in modules if not (TESTS_DIR / f"test_{m}.py").is_file()] == []


def test_the_command_lists_rules_and_services():
    result = CliRunner().invoke(app, ["health", "referral-rules"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "HR01  nhs_number: a valid NHS number (10 digits, Modulus 11 check digit)"
    assert lines[9] == "HR10  nhs_number, service, provider_code, referral_date: one row per " \
        "referral"
    assert "salt (Speech and language therapy)" in result.output
