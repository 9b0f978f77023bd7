"""Mutated SEN2 files: reading and checking either works or rejects the file, never
anything else."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from sendassure.ingest.readers.sen2_xml import read_sen2_xml
from sendassure.ingest.records import ReturnRejected
from sendassure.ingest.rules import Checker

from .samples import SMALL_XML

BASE = etree.fromstring(SMALL_XML.encode())
ELEMENT_COUNT = sum(1 for _ in BASE.iter())

garble = st.one_of(
    st.text(max_size=20),
    st.sampled_from(["", "   ", "XXXX-12-01", "2024-02-30", "99", "Y", "0", "<", "&amp;"]),
)
mutation = st.tuples(
    st.sampled_from(["drop", "duplicate", "reorder", "garble", "truncate"]),
    st.integers(min_value=0, max_value=ELEMENT_COUNT - 1),
    garble,
)


def mutate(steps: list[tuple[str, int, str]]) -> bytes:
    root = etree.fromstring(SMALL_XML.encode())
    tail = b""
    for kind, index, text in steps:
        elements = list(root.iter())
        elem = elements[index % len(elements)]
        parent = elem.getparent()
        if kind == "drop" and parent is not None:
            parent.remove(elem)
        elif kind == "duplicate" and parent is not None:
            parent.insert(parent.index(elem), etree.fromstring(etree.tostring(elem)))
        elif kind == "reorder" and parent is not None:
            parent.remove(elem)
            parent.insert(len(text) % (len(parent) + 1), elem)
        elif kind == "garble" and len(elem) == 0:
            elem.text = "".join(c for c in text if c.isprintable())
        elif kind == "truncate":
            tail = b"cut"
    data = etree.tostring(root)
    if tail:
        data = data[: len(data) * (steps[-1][1] + 1) // (ELEMENT_COUNT + 1)]
    return data


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(mutation, min_size=1, max_size=6))
def test_mutated_returns_are_read_or_rejected(steps):
    data = mutate(steps)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "mutated.xml"
        path.write_bytes(data)
        try:
            ret = read_sen2_xml(path)
            checker = Checker(ret.header)
            for person in ret.persons:
                for issue in checker.check(person):
                    assert issue.message and issue.location
        except ReturnRejected as rejected:
            assert "mutated.xml" in str(rejected)
