"""The demo's synthetic referral extracts: seeded, test-range NHS numbers only, and
exactly the planted bad rows quarantined when loaded; validation finds each kind of
issue it plants."""

from __future__ import annotations

import csv

import pytest

from sendassure.health.referral_models import QuarantinedReferral
from sendassure.health.referrals.rules import formats
from sendassure.health.referrals.store import load_extract
from sendassure.health.referrals.synthetic import BAD, nhs_number, write_extracts
from sendassure.health.waiting_list import validate
from sendassure.health.waiting_list.queries import entries


def test_the_same_seed_writes_the_same_files(tmp_path):
    first = write_extracts(tmp_path / "a", seed=7, children=80)
    second = write_extracts(tmp_path / "b", seed=7, children=80)
    other = write_extracts(tmp_path / "c", seed=8, children=80)
    assert [p.read_bytes() for p in first.paths] == [p.read_bytes() for p in second.paths]
    assert [p.read_bytes() for p in first.paths] != [p.read_bytes() for p in other.paths]


def test_every_number_is_of_the_test_range_and_valid_but_the_planted_one(tmp_path):
    import random

    assert all(formats.nhs_number(nhs_number(random.Random(s))) for s in range(50))
    written = write_extracts(tmp_path, seed=2024, children=120)
    numbers = [r["nhs_number"] for p in written.paths
               for r in csv.DictReader(p.open(encoding="utf-8"))]
    assert all(n.startswith("999") for n in numbers)
    assert [n for n in numbers if formats.nhs_number(n) is None] == ["9990000019"]


@pytest.mark.django_db
def test_loaded_only_the_planted_rows_are_quarantined(tmp_path):
    written = write_extracts(tmp_path, seed=2024, children=300)
    loaded = [load_extract(p, "886") for p in written.paths]
    assert sum(x.quarantined for x in loaded) == len(BAD) == written.planted_bad
    assert sum(x.stored for x in loaded) == written.rows - len(BAD)
    codes = sorted(q.codes for q in QuarantinedReferral.objects.all())
    assert codes == sorted(code for _, _, code in BAD)
    _, issues = validate(entries("886"))
    assert {i.issue for i in issues} == {"duplicate_across_providers",
                                         "already_seen_elsewhere", "stale_no_contact",
                                         "age_out_of_range"}


@pytest.mark.django_db
def test_the_demo_loads_them_once(tmp_path, settings):
    import io

    from rich.console import Console

    from sendassure.cli import demo
    from sendassure.health.referral_models import Referral, ReferralExtract

    settings.SENDASSURE_OUT = str(tmp_path)
    said = io.StringIO()
    demo._referrals(Console(file=said, width=200))
    held = Referral.objects.filter(la="886").count()
    assert held > 500 and ReferralExtract.objects.count() == 4
    demo._referrals(Console(file=said, width=200))
    assert (Referral.objects.count(), ReferralExtract.objects.count()) == (held, 4)
    first, second = said.getvalue().splitlines()
    assert first.startswith("Referral extracts: 4 providers, ") and "5 rows quarantined" in first
    assert second.endswith("(already held)")


def test_the_command_writes_them(tmp_path):
    from typer.testing import CliRunner

    from sendassure.cli import app

    result = CliRunner().invoke(app, ["health", "synth-referrals", "--out", str(tmp_path),
                                      "--seed", "7", "--children", "80"])
    assert result.exit_code == 0, result.output
    direct = write_extracts(tmp_path / "direct", seed=7, children=80)
    assert [(tmp_path / p.name).read_bytes() for p in direct.paths] == \
        [p.read_bytes() for p in direct.paths]
    assert result.output.splitlines()[-1] == f"{direct.rows} rows, 5 planted to be quarantined"
