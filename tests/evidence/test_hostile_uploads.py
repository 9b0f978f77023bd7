"""Issue 14, item 2: PDFs with script or launch actions wherever they sit (escaped names,
pages, annotations, form fields, bookmarks, /Next chains, the name tree), Office files
with a macro part under another name, and packages whose ZIP directory understates what
they expand to. One test per attack; clean files are still accepted."""

from __future__ import annotations

import io
import os
import zipfile

import pytest

from sendassure.plan.evidence import pdf_actions, validation

from . import files
from .test_validation import judge, refusal

# Escaped as the probe did, so that only the parsed tree (never the bytes) can tell.
JS = "<< /S /J#61vaScript /JS (app.alert(1)) >>"
SCRIPT = "has script or launch actions"


# --- PDFs ---------------------------------------------------------------------------------

def test_an_escaped_javascript_opening_action_is_refused():
    data = files.two_page_pdf("/OpenAction << /S /J#61vaScript /JS (app.alert(1)) >>")
    assert b"/JavaScript" not in data  # no byte scan can see it
    assert refusal("escaped.pdf", data) == (
        "escaped.pdf has script or launch actions (the document's opening action: a "
        "JavaScript action), which can run code: print it to a new PDF without them")


def test_javascript_on_an_annotation_of_page_2_is_refused_naming_where():
    data = files.two_page_pdf(
        "", "", "/Annots [5 0 R]",
        "<< /Type /Annot /Subtype /Link /Rect [0 0 9 9] /A << /S /J#61vaScript "
        "/JS (app.alert(1)) >> >>")
    assert "(page 2, annotation 1: a JavaScript action)" in refusal("annot.pdf", data)


def test_a_launch_action_run_when_a_page_opens_is_refused():
    data = files.two_page_pdf("", "/AA << /O << /S /L#61unch /F (cmd.exe) >> >>")
    assert "(page 1, automatic action /O: a launch action (runs a program or opens a file))" \
        in refusal("launch.pdf", data)


def test_javascript_at_the_end_of_a_links_next_chain_is_refused():
    link = ("<< /Type /Annot /Subtype /Link /Rect [0 0 9 9] /A << /S /URI "
            "/URI (https://example.org) /Next [6 0 R] >> >>")
    data = files.two_page_pdf("", "/Annots [5 0 R]", "", link,
                              "<< /S /GoTo /D [3 0 R /Fit] /Next 7 0 R >>", JS)
    assert "(page 1, annotation 1: a JavaScript action)" in refusal("chain.pdf", data)


def test_a_form_fields_calculation_script_is_refused():
    form = "/AcroForm << /Fields [5 0 R] >>"
    parent = "<< /T (totals) /Kids [6 0 R] >>"
    kid = f"<< /T (sum) /FT /Tx /Parent 5 0 R /AA << /C {JS} >> >>"
    data = files.two_page_pdf(form, "", "", parent, kid)
    assert "(form field 2, automatic action /C: a JavaScript action)" in refusal(
        "form.pdf", data)


def test_a_bookmark_running_script_is_refused():
    data = files.two_page_pdf("/Outlines 5 0 R", "", "",
                              "<< /Type /Outlines /First 6 0 R /Last 6 0 R /Count 1 >>",
                              f"<< /Title (Go) /Parent 5 0 R /A {JS} >>")
    assert "(bookmark 1: a JavaScript action)" in refusal("bookmark.pdf", data)


def test_a_form_submission_action_is_refused():
    data = files.two_page_pdf(
        "/OpenAction << /S /SubmitForm /F << /FS /URL /F (https://example.org/x) >> >>")
    assert "a form-submission action (sends data elsewhere)" in refusal("submit.pdf", data)


def test_document_level_javascript_added_by_pypdf_is_refused():
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

    def build(writer):
        action = writer._add_object(DictionaryObject({
            NameObject("/S"): NameObject("/JavaScript"),
            NameObject("/JS"): TextStringObject("app.alert('hi');")}))
        tree = DictionaryObject({NameObject("/Names"): ArrayObject(
            [TextStringObject("greet"), action])})
        writer._root_object[NameObject("/Names")] = DictionaryObject(
            {NameObject("/JavaScript"): writer._add_object(tree)})

    data = files.pdf_with(build)
    assert "(the document's name tree: document-level JavaScript)" in refusal("js.pdf", data)


def test_an_embedded_file_is_refused():
    data = files.pdf_with(lambda writer: writer.add_attachment("run.exe", b"MZ\x90\x00"))
    assert refusal("attached.pdf", data).startswith(
        "attached.pdf carries embedded files (the document's name tree: embedded files)")


def test_a_file_attachment_annotation_is_refused():
    data = files.two_page_pdf("", "", "/Annots [5 0 R]",
                              "<< /Type /Annot /Subtype /FileAttachment /Rect [0 0 9 9] "
                              "/FS << /Type /Filespec /F (x.exe) >> >>")
    assert "(page 2, annotation 1: a file-attachment annotation)" in refusal("fa.pdf", data)


def test_an_xfa_form_is_refused():
    data = files.two_page_pdf("/AcroForm << /Fields [] /XFA [(template) 5 0 R] >>", "", "",
                              "<< /Length 0 >>\nstream\n\nendstream")
    assert "an XFA form, which carries scripts" in refusal("xfa.pdf", data)


def test_a_javascript_action_on_a_link_added_by_pypdfs_writer_is_refused():
    from pypdf.annotations import Link
    from pypdf.generic import DictionaryObject, NameObject, TextStringObject

    def build(writer):
        link = Link(rect=(0, 0, 9, 9), url="https://example.org")
        link[NameObject("/A")] = DictionaryObject({
            NameObject("/S"): NameObject("/JavaScript"),
            NameObject("/JS"): TextStringObject("app.alert(1)")})
        writer.add_annotation(0, link)

    assert "(page 1, annotation 1: a JavaScript action)" in refusal(
        "hidden.pdf", files.pdf_with(build))


def test_a_cyclic_next_chain_without_script_ends_and_is_accepted():
    data = files.two_page_pdf("/OpenAction 5 0 R", "", "",
                              "<< /S /GoTo /D [3 0 R /Fit] /Next 6 0 R >>",
                              "<< /S /GoTo /D [4 0 R /Fit] /Next 5 0 R >>")
    assert judge("cycle.pdf", data).family == "pdf"


def test_a_pdf_with_too_much_to_check_is_refused(monkeypatch):
    monkeypatch.setattr(pdf_actions, "MAX_NODES", 2)
    data = files.two_page_pdf("", "/Annots [5 0 R 6 0 R 7 0 R]", "",
                              *["<< /Type /Annot /Subtype /Text /Rect [0 0 9 9] >>"] * 3)
    assert refusal("busy.pdf", data).startswith("busy.pdf is too complex to check for script")


def test_a_pdf_pypdf_cannot_parse_is_refused_with_a_reason():
    message = refusal("broken.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog")
    assert message.startswith("broken.pdf is damaged: it could not be read as a PDF (")
    assert message.endswith(")") and len(message) < 200


def test_clean_pdfs_with_links_and_bookmarks_are_accepted():
    links = files.two_page_pdf(
        "/Outlines 6 0 R", "/Annots [5 0 R]", "",
        "<< /Type /Annot /Subtype /Link /Rect [0 0 9 9] /A << /S /URI "
        "/URI (https://www.gov.uk) >> >>",
        "<< /Type /Outlines /First 7 0 R /Last 7 0 R /Count 1 >>",
        "<< /Title (Two) /Parent 6 0 R /A << /S /GoTo /D [4 0 R /Fit] >> >>")
    assert judge("links.pdf", links).family == "pdf"
    assert judge("plain.pdf", files.pdf()).family == "pdf"


# --- Office Open XML ------------------------------------------------------------------------

VBA_PROJECT = files.ole2("Root Entry", "VBA", "_VBA_PROJECT", "dir", "PROJECT")


def test_a_macro_project_renamed_as_an_image_is_refused():
    data = files._zip(files.docx_parts({"word/media/image1.png": VBA_PROJECT}))
    assert refusal("renamed.docx", data).startswith(
        "renamed.docx contains macros (a VBA project in part word/media/image1.png)")


def test_a_relationship_to_a_vba_project_is_refused_whatever_the_target_holds():
    rel = ('<Relationship Id="rId9" Target="media/logo.emf" '
           'Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject"/>')
    data = files._zip(files.docx_parts({"word/media/logo.emf": b"\x01\x00\x00\x00"}, rels=rel))
    assert "contains macros (a relationship to a VBA project)" in refusal("rel.docx", data)


def test_a_macro_content_type_hidden_by_character_references_is_refused():
    override = ('<Override PartName="/word/extra.bin" '
                'ContentType="application/vnd.ms-office.&#x76;ba&#80;roject"/>')
    data = files._zip(files.docx_parts({"word/extra.bin": b"data"}, types_extra=override))
    assert b"vbaProject" not in data
    assert "contains macros (a macro content type in [Content_Types].xml)" in refusal(
        "types.docx", data)


def test_an_embedded_ole_object_is_refused():
    data = files._zip(files.docx_parts({"word/embeddings/oleObject1.bin":
                                        files.ole2("Root Entry", "\x01Ole10Native")}))
    assert refusal("ole.docx", data).startswith(
        "ole.docx contains an embedded OLE object (word/embeddings/oleObject1.bin)")


def test_activex_controls_are_refused():
    override = ('<Override PartName="/word/activeX/activeX1.xml" '
                'ContentType="application/vnd.ms-office.activeX+xml"/>')
    data = files._zip(files.docx_parts({"word/activeX/activeX1.xml": "<ax/>"},
                                       types_extra=override))
    assert refusal("ax.docx", data).startswith(
        "ax.docx contains ActiveX controls")


def test_a_part_that_expands_beyond_what_the_directory_says_is_refused():
    data = files._zip(files.docx_parts({"word/media/noise.bin": os.urandom(300_000)}))
    lying = files.understated(data, "word/media/noise.bin", 1000)
    with zipfile.ZipFile(io.BytesIO(lying)) as archive:
        assert sum(i.file_size for i in archive.infolist()) < 5000  # the directory's story
    assert refusal("liar.docx", lying) == (
        "liar.docx has a part that expands beyond the size its ZIP directory gives "
        "(word/media/noise.bin): it looks like a zip bomb")


def test_all_parts_together_are_counted_as_unpacked_against_the_limit(monkeypatch):
    monkeypatch.setattr(validation, "MAX_ZIP_UNCOMPRESSED", 1024 * 1024)
    # Parts of 300 KB of zeros: each under the ratio floor; 4 of them pass 1 MB in all,
    # while the directory says each holds 100 bytes.
    parts = {f"word/media/pad{i}.bin": bytes(300_000) for i in range(4)}
    data = files._zip(files.docx_parts(parts))
    for i in range(4):
        data = files.understated(data, f"word/media/pad{i}.bin", 300_000 if i < 3 else 100)
    assert refusal("bomb.docx", data) == (
        "bomb.docx expands to more than 1 MB when all its parts are unpacked: it looks "
        "like a zip bomb")


def test_a_part_packed_in_a_foreign_way_is_refused():
    data = files._zip(files.docx_parts({"word/media/x.bin": b"abc" * 100}),
                      method=zipfile.ZIP_BZIP2)
    assert "packed in a way Office and OpenDocument files do not use" in refusal(
        "bz.docx", data)


@pytest.mark.parametrize("method", [zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED])
def test_a_clean_docx_with_an_image_and_a_hyperlink_is_accepted(method):
    rel = ('<Relationship Id="rId2" Target="media/image1.png" '
           f'Type="{files.OFFICE_RELS}/image"/>'
           '<Relationship Id="rId3" Target="https://www.gov.uk" TargetMode="External" '
           f'Type="{files.OFFICE_RELS}/hyperlink"/>')
    data = files._zip(files.docx_parts({"word/media/image1.png": files.PNG}, rels=rel), method)
    assert judge("clean.docx", data).family == "ooxml"
    assert judge("plain.docx", files.docx("hello")).family == "ooxml"
