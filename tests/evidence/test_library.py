"""Storing evidence: content-addressed dedup, versions, extracted text and search."""

from __future__ import annotations

import hashlib
import io

import pytest

from sendassure.plan.evidence import extract, service, storage, validation
from sendassure.plan.evidence.validation import Refused
from sendassure.plan.models import EvidenceBlob, EvidenceFile, EvidenceVersion

from . import files

pytestmark = pytest.mark.django_db


def add(user, name: str, data: bytes, **fields):
    fields.setdefault("la", "886")
    fields.setdefault("title", name)
    return service.add_file(user, filename=name, content=io.BytesIO(data), size=len(data),
                            **fields)


def stored_files(root) -> list:
    return sorted(p for p in root.rglob("*") if p.is_file())


def test_the_same_content_twice_is_stored_once(make_user, evidence_root):
    analyst = make_user("analyst")
    data = files.docx("Panel minutes")
    first = add(analyst, "minutes.docx", data, title="Panel minutes March")
    second = add(analyst, "copy of minutes.docx", data, title="Panel minutes (copy)")
    sha = hashlib.sha256(data).hexdigest()
    assert EvidenceFile.objects.count() == 2
    assert list(EvidenceBlob.objects.values_list("sha256", flat=True)) == [sha]
    # one file on disk, at ab/cd/<sha256>
    assert stored_files(evidence_root) == [evidence_root / sha[:2] / sha[2:4] / sha]
    assert (evidence_root / sha[:2] / sha[2:4] / sha).read_bytes() == data
    assert first.current.blob_id == second.current.blob_id == sha


def test_replacing_adds_a_version_and_keeps_the_old_content(make_user, evidence_root):
    analyst = make_user("analyst")
    old, new = b"first draft\n", b"second draft\n"
    evidence = add(analyst, "draft.txt", old)
    version = service.add_version(analyst, evidence, filename="draft-v2.txt",
                                  content=io.BytesIO(new), size=len(new))
    assert version.number == 2 and evidence.current.number == 2
    assert [(v.number, v.filename) for v in evidence.versions.all()] == [
        (1, "draft.txt"), (2, "draft-v2.txt")]
    with storage.open_blob(hashlib.sha256(old).hexdigest()) as kept:
        assert kept.read() == old
    assert len(stored_files(evidence_root)) == 2
    assert EvidenceFile.objects.get().text == "second draft"  # search follows the new text


def test_replacing_with_identical_content_is_refused(make_user):
    analyst = make_user("analyst")
    evidence = add(analyst, "draft.txt", b"same\n")
    with pytest.raises(Refused, match="same as the current version"):
        service.add_version(analyst, evidence, filename="draft.txt",
                            content=io.BytesIO(b"same\n"), size=5)
    assert EvidenceVersion.objects.count() == 1


def test_a_refused_upload_stores_nothing(make_user, evidence_root):
    with pytest.raises(Refused):
        add(make_user("analyst"), "report.pdf", files.plain_zip())
    assert EvidenceFile.objects.count() == EvidenceBlob.objects.count() == 0
    assert stored_files(evidence_root) == []


def test_text_is_extracted_from_pdf_docx_xlsx_and_csv():
    def text(name, data):
        handle = io.BytesIO(data)
        return extract.text_of(validation.check(name, handle, len(data), 5), handle)

    assert "hello evidence" in text("a.pdf", files.pdf())
    assert text("a.docx", files.docx("Twenty week timeliness", "improved")) == (
        "Twenty week timeliness\nimproved")
    assert text("a.xlsx", files.xlsx("Kent", "EHC plans")) == "Kent\nEHC plans"
    assert text("a.csv", "\ufeffarea,value\nKent,58\n".encode()) == "area,value\nKent,58"
    assert text("a.png", files.PNG) == ""


def test_search_finds_text_inside_pdf_and_docx_and_by_tag(make_user):
    analyst = make_user("analyst")
    pdf = add(analyst, "letter.pdf", files.pdf("hello evidence from the panel"),
              tags="DfE letter, review")
    docx = add(analyst, "plan.docx", files.docx("Educational psychologists recruited"),
               tags="workforce,  Review ,workforce")
    assert docx.tags == "workforce, Review"  # trimmed, each tag once
    assert list(service.search(analyst, "panel")) == [pdf]
    assert list(service.search(analyst, "PSYCHOLOGISTS recruited")) == [docx]
    assert list(service.search(analyst, "psychologists panel")) == []  # every word must match
    assert set(service.search(analyst, tag="review")) == {pdf, docx}
    assert list(service.search(analyst, tag="workforce")) == [docx]
    assert list(service.search(analyst, tag="work")) == []  # a tag matches whole
    assert list(service.search(analyst, "letter.pdf")) == [pdf]  # file names too


def test_search_is_scoped_to_the_users_areas(make_user):
    kent = make_user("analyst", "kent")
    medway = make_user("analyst", "medway", areas=("887",))
    add(kent, "kent.txt", b"waiting times\n")
    add(medway, "medway.txt", b"waiting times\n", la="887")
    assert [f.la for f in service.search(kent, "waiting")] == ["886"]
    assert [f.la for f in service.search(medway, "waiting")] == ["887"]


def test_links_to_areas_and_actions_are_kept(make_user, plan):
    _, area, action = plan
    evidence = add(make_user("analyst"), "ep.txt", b"EP recruitment\n", areas=[area],
                   actions=[action])
    assert list(evidence.areas.all()) == [area] and list(evidence.actions.all()) == [action]
    assert list(area.evidence.all()) == [evidence]
