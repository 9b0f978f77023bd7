"""Small real files built in the tests: PDF (WeasyPrint), Office Open XML and OpenDocument
packages (zipfile), images, and hostile ones (zip bomb, macros, script)."""

from __future__ import annotations

import io
import zipfile
from functools import cache

OOXML = "application/vnd.openxmlformats-officedocument."
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
S_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _zip(parts: dict[str, bytes | str], method=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def content_types(main: str, extra: str = "") -> str:
    return ('<?xml version="1.0" encoding="UTF-8"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/{main}" ContentType="{extra or "application/xml"}"/></Types>')


def docx(*paragraphs: str, macro_type: bool = False, vba: bool = False) -> bytes:
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    main_type = ("application/vnd.ms-word.document.macroEnabled.main+xml" if macro_type
                 else OOXML + "wordprocessingml.document.main+xml")
    parts = {"[Content_Types].xml": content_types("word/document.xml", main_type),
             "word/document.xml": f'<w:document xmlns:w="{W_NS}"><w:body>{body}</w:body>'
                                  "</w:document>"}
    if vba:
        parts["word/vbaProject.bin"] = b"\xd0\xcf\x11\xe0 pretend VBA project"
    return _zip(parts)


def xlsx(*strings: str) -> bytes:
    shared = "".join(f"<si><t>{s}</t></si>" for s in strings)
    return _zip({"[Content_Types].xml": content_types("xl/workbook.xml"),
                 "xl/workbook.xml": f'<workbook xmlns="{S_NS}"/>',
                 "xl/sharedStrings.xml": f'<sst xmlns="{S_NS}">{shared}</sst>'})


def odt() -> bytes:
    return _zip({"mimetype": "application/vnd.oasis.opendocument.text",
                 "content.xml": "<office:document-content xmlns:office='urn:oasis:names:tc:"
                                "opendocument:xmlns:office:1.0'/>"}, zipfile.ZIP_STORED)


def plain_zip() -> bytes:
    return _zip({"notes.txt": "just a zip"})


def zip_bomb_docx(megabytes: int = 20) -> bytes:
    """A .docx whose one extra part is `megabytes` MB of zeros (deflate squeezes zeros
    about 1000:1, far beyond the 100:1 limit)."""
    parts = {"[Content_Types].xml": content_types("word/document.xml"),
             "word/document.xml": f'<w:document xmlns:w="{W_NS}"/>',
             "word/media/padding.bin": b"\x00" * (megabytes * 1024 * 1024)}
    return _zip(parts)


@cache
def pdf(text: str = "hello evidence") -> bytes:
    import weasyprint

    return weasyprint.HTML(string=f"<p>{text}</p>").write_pdf()


PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
       b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x04\x00\x09\xfb\x03\xfd\xe3U\xf2"
       b"\x9c\x00\x00\x00\x00IEND\xaeB`\x82")

OLE2_HEADER = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


def ole2(*streams: str) -> bytes:
    """An OLE2 header followed by directory-style entries (UTF-16LE name, NUL)."""
    body = b"".join(s.encode("utf-16-le") + b"\x00\x00" + b"\x00" * 16 for s in streams)
    return OLE2_HEADER + body
