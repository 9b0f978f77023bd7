"""The demo's identifiers file: seeded (the same seed and children give the same bytes),
valid as the council's file (loads whole), and it pairs children with open referrals,
never a planted bad row's number."""

from __future__ import annotations

import csv

import pytest

from sendassure.health.identifier_models import IdentifierPair
from sendassure.health.referrals.rules import formats
from sendassure.health.referrals.synthetic import generate, identifiers, write_identifiers
from sendassure.health.send_health.identifiers import load_identifiers
from sendassure.sen2.values import is_upn
from sendassure.synth.identity import make_upn

UPNS = [make_upn("886", n, 2015) for n in range(40)]


def _bytes(path, seed: int, upns=UPNS) -> bytes:
    return write_identifiers(path, identifiers(upns, seed, children=120)).read_bytes()


def test_the_same_seed_writes_the_same_bytes(tmp_path):
    first = _bytes(tmp_path / "a.csv", 7)
    assert first == _bytes(tmp_path / "b.csv", 7)
    assert first == _bytes(tmp_path / "c.csv", 7, list(reversed(UPNS)))   # order given
    assert first != _bytes(tmp_path / "d.csv", 8)


def test_half_the_children_are_paired_with_waiting_referrals_once_each():
    pairs = identifiers(UPNS, 2024, children=120)
    assert len(pairs) == 20   # half of min(40 UPNs, the waiting children)
    assert len({u for u, _ in pairs}) == len({n for _, n in pairs}) == 20
    assert all(is_upn(u) and formats.nhs_number(n) for u, n in pairs)
    rows = [r for found in generate(2024, 120).values() for r in found]
    waiting = {r["nhs_number"] for r in rows if not r.get("clock_stop_date")}
    assert {n for _, n in pairs} <= waiting


@pytest.mark.django_db
def test_the_file_loads_whole_as_keyed_hashes(tmp_path):
    path = write_identifiers(tmp_path / "identifiers.csv", identifiers(UPNS, 2024, 120))
    assert next(csv.reader(path.open(encoding="utf-8"))) == ["upn", "nhs_number"]
    loaded = load_identifiers(path, "886")
    assert loaded.outcome == "loaded" and loaded.pairs == 20
    assert IdentifierPair.objects.filter(la="886").count() == 20
