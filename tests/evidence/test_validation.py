"""Each refusal rule of the evidence library, and the kinds it accepts (no database)."""

from __future__ import annotations

import io
import os

import pytest

from sendassure.plan.evidence import validation
from sendassure.plan.evidence.validation import Refused, check

from . import files


def judge(name: str, data: bytes, max_mb: int = 5):
    return check(name, io.BytesIO(data), len(data), max_mb)


def refusal(name: str, data: bytes, max_mb: int = 5) -> str:
    with pytest.raises(Refused) as caught:
        judge(name, data, max_mb)
    return caught.value.message


@pytest.mark.parametrize(("name", "data", "content_type"), [
    ("plan.pdf", files.pdf(), "application/pdf"),
    ("minutes.docx", files.docx("hello"), files.OOXML + "wordprocessingml.document"),
    ("data.xlsx", files.xlsx("a"), files.OOXML + "spreadsheetml.sheet"),
    ("notes.odt", files.odt(), "application/vnd.oasis.opendocument.text"),
    ("old.doc", files.ole2("Root Entry", "WordDocument"), "application/msword"),
    ("old.xls", files.ole2("Root Entry", "Workbook"), "application/vnd.ms-excel"),
    ("chart.PNG", files.PNG, "image/png"),
    ("photo.jpg", b"\xff\xd8\xff\xe0" + b"\x10JFIF" + bytes(100), "image/jpeg"),
    ("anim.gif", b"GIF89a" + bytes(20), "image/gif"),
    ("pic.webp", b"RIFF\x10\x00\x00\x00WEBPVP8 " + bytes(20), "image/webp"),
    ("figures.csv", "area,value\nKent,£5\n".encode(), "text/csv"),
    ("readme.txt", "\ufeffplain notes".encode(), "text/plain"),
])
def test_allowed_kinds_are_accepted_with_the_content_type_of_their_kind(name, data, content_type):
    assert judge(name, data).content_type == content_type


def test_an_empty_file_is_refused():
    assert refusal("empty.pdf", b"") == "empty.pdf is empty"


def test_a_file_over_the_size_limit_is_refused():
    # 1 MB limit; 1 MB + 1 byte is over it: 1,048,577 bytes / 1,048,576 = 1.0 MB shown
    message = refusal("big.txt", b"a" * (1024 * 1024 + 1), max_mb=1)
    assert message == "big.txt is 1.0 MB: files must be 1 MB or smaller"
    assert judge("ok.txt", b"a" * (1024 * 1024), max_mb=1)  # exactly the limit is fine


@pytest.mark.parametrize(("name", "data", "expected"), [
    ("report.pdf", files.plain_zip(), "report.pdf is not a PDF: its content is a ZIP archive"),
    ("report.docx", files.pdf(), "report.docx is not a Word document: its content is a PDF"),
    ("report.docx", files.xlsx("x"),
     "report.docx is not a Word document: its content is an Excel workbook"),
    ("report.docx", files.plain_zip(),
     "report.docx is not a Word document: its content is a ZIP archive"),
    ("chart.png", b"\xff\xd8\xff\xe0" + bytes(50),
     "chart.png is not a PNG image: its content is a JPEG image"),
    ("notes.txt", b"MZ\x90\x00" + bytes(60), "notes.txt is not a text file: its content is a program"),
    ("old.doc", files.ole2("Root Entry", "Workbook"),
     "old.doc is not a Word 97-2003 document: its content is an Excel 97-2003 workbook"),
    ("notes.odt", files.docx("x"), "notes.odt is not an OpenDocument text: its content is a "
                                   "Word document"),
])
def test_a_wrong_extension_for_the_content_is_refused_naming_both(name, data, expected):
    assert refusal(name, data) == expected


def test_a_zip_bomb_is_refused_from_its_directory():
    # 20 MB of zeros deflates to about 20 KB: a ratio near 1000:1, over the 100:1 limit
    message = refusal("bomb.docx", files.zip_bomb_docx(20))
    assert message.startswith("bomb.docx has a part that expands more than 100 times")
    assert "word/media/padding.bin" in message and "zip bomb" in message


def test_an_archive_that_expands_beyond_the_total_limit_is_refused(monkeypatch):
    monkeypatch.setattr(validation, "MAX_ZIP_UNCOMPRESSED", 1024 * 1024)
    # 2 MB of random bytes does not compress (ratio ~1:1) but 2 MB > the 1 MB total limit
    data = files._zip({"[Content_Types].xml": files.content_types("word/document.xml"),
                       "word/document.xml": "<w:document/>",
                       "word/media/noise.bin": os.urandom(2 * 1024 * 1024)})
    assert "would expand to 2 MB (more than 1 MB)" in refusal("big.docx", data)


def test_an_archive_with_too_many_parts_is_refused(monkeypatch):
    monkeypatch.setattr(validation, "MAX_ZIP_ENTRIES", 5)
    parts = {"[Content_Types].xml": files.content_types("xl/workbook.xml"),
             "xl/workbook.xml": "<workbook/>"}
    parts.update({f"xl/p{i}.xml": "<x/>" for i in range(4)})  # 2 + 4 = 6 parts > 5
    assert refusal("many.xlsx", files._zip(parts)) == (
        "many.xlsx holds 6 parts (more than 5): it looks like a zip bomb")


@pytest.mark.parametrize("name", ["page.html", "page.HTM", "drawing.svg", "data.xml"])
def test_web_pages_svg_and_xml_are_refused_by_name(name):
    assert "can carry script" in refusal(name, b"<html><script>alert(1)</script></html>")


def test_text_with_a_script_tag_is_refused():
    message = refusal("notes.txt", b"Minutes of the board\n<SCRIPT src=x></script>\n")
    assert message.startswith("notes.txt contains a <script> tag")


def test_a_script_tag_across_a_read_boundary_is_still_found(monkeypatch):
    monkeypatch.setattr(validation, "CHUNK", 16)
    data = b"a" * 13 + b"<script>"  # "<scr" ends the first 16-byte chunk, "ipt>" starts the next
    assert "<script>" in refusal("notes.csv", data)


def test_html_saved_as_text_is_refused_as_a_web_page():
    assert refusal("notes.txt", b"<!DOCTYPE html><p>hi</p>") == (
        "notes.txt is not a text file: its content is a web page (HTML)")


@pytest.mark.parametrize("name", ["budget.xlsm", "letter.docm", "deck.pptm"])
def test_macro_enabled_extensions_are_refused(name):
    assert f"{name} is a macro-enabled Office file" in refusal(name, files.docx("x"))


def test_macros_inside_a_docx_are_refused():
    assert "contains macros" in refusal("letter.docx", files.docx("x", vba=True))
    assert "contains macros" in refusal("letter.docx", files.docx("x", macro_type=True))
    assert "contains macros" in refusal("old.doc", files.ole2("WordDocument", "_VBA_PROJECT"))


def test_text_that_is_not_utf8_or_has_nul_bytes_is_refused():
    assert refusal("costs.csv", b"cost\n\xa35\n").startswith("costs.csv is not UTF-8 text")
    # a NUL near the start is binary content; one after the first 8 KB sniffed, a NUL byte
    assert "binary data" in refusal("notes.txt", b"abc\x00def" + b"x" * 200)
    assert "NUL" in refusal("notes.txt", b"x" * 9000 + b"\x00")


def test_unknown_types_are_refused_with_the_list_of_accepted_ones():
    message = refusal("tool.exe", b"MZ")
    assert message.startswith("tool.exe has the extension .exe: the evidence library accepts PDF")
    assert refusal("README", b"x").startswith("README has no extension")


def test_a_damaged_pdf_is_refused():
    assert refusal("broken.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog").startswith(
        "broken.pdf is damaged: it could not be read as a PDF (")  # with pypdf's reason


def test_a_pdf_that_needs_a_password_is_refused_and_one_with_script_too():
    import pypdf

    writer = pypdf.PdfWriter(clone_from=io.BytesIO(files.pdf()))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    locked = io.BytesIO()
    writer.write(locked)
    assert "needs a password to open" in refusal("locked.pdf", locked.getvalue())

    from pypdf.generic import DictionaryObject, NameObject, TextStringObject

    scripted = pypdf.PdfWriter(clone_from=io.BytesIO(files.pdf()))
    scripted._root_object[NameObject("/OpenAction")] = DictionaryObject({
        NameObject("/S"): NameObject("/JavaScript"),
        NameObject("/JS"): TextStringObject("app.alert('hi');")})
    out = io.BytesIO()
    scripted.write(out)
    assert "script or launch actions" in refusal("script.pdf", out.getvalue())


def test_a_pdf_opening_script_is_found_in_the_catalog_when_the_bytes_hide_it(monkeypatch):
    """Script can sit in compressed object streams, out of the byte scan's sight: the
    catalog check (pypdf) must still refuse it. Blind the byte scan to show that."""
    import pypdf
    from pypdf.generic import DictionaryObject, NameObject, TextStringObject

    writer = pypdf.PdfWriter(clone_from=io.BytesIO(files.pdf()))
    writer._root_object[NameObject("/OpenAction")] = DictionaryObject({
        NameObject("/S"): NameObject("/JavaScript"),
        NameObject("/JS"): TextStringObject("app.alert(1);")})
    out = io.BytesIO()
    writer.write(out)
    monkeypatch.setattr(validation, "_scan_for", lambda *args, **kwargs: None)
    assert "script or launch actions" in refusal("script.pdf", out.getvalue())
    assert judge("plain.pdf", files.pdf()).family == "pdf"


def test_a_password_protected_office_file_is_refused():
    assert "protected by a password" in refusal(
        "secret.doc", files.ole2("EncryptedPackage", "WordDocument"))
