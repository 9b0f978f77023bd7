"""Hostile and damaged files: the shared samples, XXE, entity expansion, and mutated
returns never crash the importer and never half-load."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from sendassure.casework import models as m
from sendassure.ingest.importer import import_sen2

from .sen2_builder import active_plan, person, request, sen2_xml

pytestmark = pytest.mark.django_db
SAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "sen2"


@pytest.mark.parametrize("name, persons", [("sen2_sample_2023.xml", 3),
                                           ("sen2_sample_2024.xml", 2),
                                           ("sen2_sample_2025.xml", 2)])
def test_shared_samples_import_with_their_malformed_upns_reported(name, persons):
    report = import_sen2([SAMPLES / name])
    assert report.status == "stored"
    assert report.stored["person"] + report.quarantined.get("person", 0) == persons
    upn_issues = [i for i in report.issues if i.field == "UPN"]
    assert upn_issues, "the samples' UPNs are malformed and must be reported"
    assert all(i.location.endswith("/UPN") for i in upn_issues)


XXE = """<?xml version="1.0"?>
<!DOCTYPE Message [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<Message><Header><CollectionDetails><Collection>SEN2</Collection><Year>2025</Year>
<ReferenceDate>2025-01-16</ReferenceDate></CollectionDetails><Source><LEA>886</LEA>
</Source></Header><Persons><Person><Surname>&secret;</Surname></Person></Persons></Message>
"""
LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
<Message><Header><CollectionDetails><Collection>SEN2</Collection></CollectionDetails>
</Header><Persons><Person><Surname>&lol4;</Surname></Person></Persons></Message>
"""


@pytest.mark.parametrize("content", [XXE, LAUGHS], ids=["xxe", "billion-laughs"])
def test_entity_tricks_are_rejected_safely(tmp_path, table_counts, content):
    before = table_counts()
    path = tmp_path / "hostile.xml"
    path.write_text(content)
    report = import_sen2([path])
    assert report.status == "rejected" and "hostile.xml" in report.message
    assert "root:" not in report.message
    assert table_counts() == before


def _valid_return() -> bytes:
    people = [person(1, [request(active=active_plan())]), person(2), person(3, [
        request(received="2024-03-01", outcome="N", outcome_date="2024-04-05", assessment=None)])]
    return sen2_xml(people).encode()


def _mutate(data: bytes, seed: int, how: str) -> bytes:
    rng = random.Random(seed)
    root = etree.fromstring(data)
    nodes = list(root.iter())[1:]
    node = rng.choice(nodes)
    parent = node.getparent()
    if how == "drop" and parent is not None:
        parent.remove(node)
    elif how == "duplicate" and parent is not None:
        parent.insert(parent.index(node), etree.fromstring(etree.tostring(node)))
    elif how == "reorder" and parent is not None:
        children = list(parent)
        rng.shuffle(children)
        parent[:] = children
    elif how == "garble":
        node.text = rng.choice(["", "x" * 300, "2024-02-30", "-1", "Y", "ü¿", "9" * 20, " "])
    return etree.tostring(root)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10_000), how=st.sampled_from(["drop", "duplicate", "reorder", "garble"]),
       truncate=st.booleans())
def test_mutated_returns_never_crash_or_half_load(tmp_path, seed, how, truncate):
    data = _mutate(_valid_return(), seed, how)
    if truncate:
        data = data[: random.Random(seed).randrange(1, len(data))]
    path = tmp_path / f"mutated-{seed}-{how}-{truncate}.xml"
    path.write_bytes(data)
    persons, requests = m.Person.objects.count(), m.Request.objects.count()
    report = import_sen2([path])  # must not raise
    if report.status == "rejected":
        assert (m.Person.objects.count(), m.Request.objects.count()) == (persons, requests)
    elif report.status == "stored":
        assert m.Person.objects.count() - persons == report.changes["persons_created"]
        assert m.Request.objects.count() - requests == report.changes["requests_created"]
