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


# --- hostile PDFs and packages for the refusal tests (issue 14, item 2) ----------------------

def hand_pdf(*objects: bytes | str) -> bytes:
    """A PDF written byte by byte: object 1 is the catalogue, the rest numbered in order
    (so escaped names such as ``/J#61vaScript`` reach the parser as written)."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        text = body.encode("latin-1") if isinstance(body, str) else body
        out += f"{number} 0 obj\n".encode() + text + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n"
            "%%EOF\n").encode()
    return bytes(out)


def two_page_pdf(catalog_extra: str = "", page1_extra: str = "", page2_extra: str = "",
                 *more: str) -> bytes:
    """Catalogue (1), pages (2), page 1 (3), page 2 (4), then ``more`` objects (5...)."""
    return hand_pdf(
        f"<< /Type /Catalog /Pages 2 0 R {catalog_extra} >>",
        "<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] {page1_extra} >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] {page2_extra} >>",
        *more,
    )


def pdf_with(build) -> bytes:
    """A real PDF changed by ``build(writer)`` through pypdf's writer."""
    import pypdf

    writer = pypdf.PdfWriter(clone_from=io.BytesIO(pdf()))
    build(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def docx_parts(extra: dict[str, bytes | str] | None = None, types_extra: str = "",
               rels: str = "") -> dict[str, bytes | str]:
    """The parts of a plain .docx, with extra parts, content types and document rels."""
    parts: dict[str, bytes | str] = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="png" ContentType="image/png"/>'
            f'<Override PartName="/word/document.xml" ContentType="{OOXML}'
            f'wordprocessingml.document.main+xml"/>{types_extra}</Types>'),
        "word/document.xml": f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>hello'
                             "</w:t></w:r></w:p></w:body></w:document>",
        "word/_rels/document.xml.rels": f'<Relationships xmlns="{RELS_NS}">{rels}'
                                        "</Relationships>",
    }
    parts.update(extra or {})
    return parts


def understated(data: bytes, part: str, declared: int) -> bytes:
    """``data`` (a ZIP) with ``part``'s uncompressed size given as ``declared`` in its
    local header and in the central directory: a directory that lies."""
    out = bytearray(data)
    encoded = part.encode()
    for signature, size_at, name_at in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        start = out.find(signature)
        while start != -1:
            if out[start + name_at: start + name_at + len(encoded)] == encoded:
                out[start + size_at: start + size_at + 4] = declared.to_bytes(4, "little")
            start = out.find(signature, start + 4)
    return bytes(out)
