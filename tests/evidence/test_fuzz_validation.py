"""Hypothesis fuzz of evidence validation: names of every kind (and hostile ones) with
valid files, files cut short, bytes flipped and random bytes. Every upload is either
accepted as a kind or refused with ``Refused`` and a message for the user; no other
exception ever escapes, and the handle is left at its start."""

from __future__ import annotations

import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sendassure.plan.evidence.validation import KINDS, Refused, check

from .files import PNG, docx, hand_pdf, ole2, pdf, plain_zip, two_page_pdf, xlsx

FUZZ = settings(max_examples=60, deadline=None,
                suppress_health_check=[HealthCheck.too_slow])
VALID = [PNG, docx("hello"), docx("x", vba=True), xlsx("a", "=1+1"), pdf(), plain_zip(),
         ole2("WordDocument"), ole2("Workbook", "_VBA_PROJECT_CUR"),
         two_page_pdf(page1_extra="/AA << /O << /S /J#61vaScript /JS (x) >> >>"),
         hand_pdf("<< /Type /Catalog >>"), b"plain text\n", b"a,b\n1,2\n",
         "caf\u00e9 \u263a".encode()]
NAMES = st.one_of(
    st.sampled_from(sorted(KINDS)).map(lambda suffix: f"evidence{suffix}"),
    st.sampled_from(["a.docm", "a.html", "a.svg", "a.exe", "noextension", ".pdf",
                     "a.PDF", "a.pdf.exe", "a.exe.pdf", "../../etc/passwd.pdf",
                     "a\x00.pdf", "\u202egpj.exe", "a." + "x" * 300]),
    st.text(max_size=40))


def _judged(name: str, content: bytes) -> None:
    handle = io.BytesIO(content)
    try:
        kind = check(name, handle, len(content), max_mb=1)
    except Refused as refusal:
        assert str(refusal).strip()
    else:
        assert kind in KINDS.values()
    assert handle.tell() == 0 or not content


@FUZZ
@given(name=NAMES, content=st.sampled_from(VALID))
def test_every_name_with_a_real_file_is_judged(name, content):
    _judged(name, content)


@FUZZ
@given(name=NAMES, content=st.sampled_from(VALID), data=st.data())
def test_a_damaged_file_is_judged(name, content, data):
    damaged = bytearray(content)
    for _ in range(data.draw(st.integers(0, 8))):
        if not damaged:
            break
        at = data.draw(st.integers(0, len(damaged) - 1))
        damaged[at] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(0, len(damaged)))
    _judged(name, bytes(damaged[:cut] if data.draw(st.booleans()) else damaged))


@FUZZ
@given(name=NAMES, content=st.binary(max_size=2000))
def test_random_bytes_are_judged(name, content):
    _judged(name, content)
