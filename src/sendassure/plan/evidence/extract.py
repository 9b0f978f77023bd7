"""Text taken out of evidence files, for search and for the preview on the file's page.

PDF: the first pages' text (pypdf). Word, PowerPoint and OpenDocument: the document's
own XML read from the ZIP (no macros, no external entities, capped). Excel: the shared
strings. CSV and text: the text. Images and Office 97-2003 files: none. Extraction never
refuses a file that validation accepted: anything it cannot read gives no text.
"""

from __future__ import annotations

import logging
import zipfile
from typing import BinaryIO

from lxml import etree

from .validation import Kind

MAX_CHARS = 200_000
MAX_PDF_PAGES = 30
MAX_PART_BYTES = 50 * 1024 * 1024

log = logging.getLogger(__name__)

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
S = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
ODF_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"


def text_of(kind: Kind, handle: BinaryIO) -> str:
    """The text of an accepted file (at most MAX_CHARS characters); leaves it at 0."""
    try:
        handle.seek(0)
        if kind.family == "pdf":
            text = _pdf(handle)
        elif kind.family == "text":
            text = handle.read(MAX_CHARS * 4).decode("utf-8-sig", "ignore")
        elif kind.family in {"ooxml", "odf"}:
            with zipfile.ZipFile(handle) as archive:
                text = _package(kind, archive)
        else:
            text = ""
    except Exception:  # a file we cannot read simply has no text
        log.warning("no text extracted from a %s", kind.label, exc_info=True)
        text = ""
    finally:
        handle.seek(0)
    return _tidy(text)[:MAX_CHARS]


def _pdf(handle: BinaryIO) -> str:
    try:
        import pypdf
    except ImportError:
        return ""
    reader = pypdf.PdfReader(handle)
    if reader.is_encrypted and not reader.decrypt(""):
        return ""
    pages = []
    for page in reader.pages[:MAX_PDF_PAGES]:
        pages.append(page.extract_text() or "")
        if sum(len(p) for p in pages) > MAX_CHARS:
            break
    return "\n\n".join(pages)


def _package(kind: Kind, archive: zipfile.ZipFile) -> str:
    names = archive.namelist()
    if kind.marker == "word/document.xml":
        return _paragraphs(_xml(archive, "word/document.xml"), W + "p", W + "t")
    if kind.marker == "xl/workbook.xml":
        if "xl/sharedStrings.xml" not in names:
            return ""
        return _paragraphs(_xml(archive, "xl/sharedStrings.xml"), S + "si", S + "t")
    if kind.marker == "ppt/presentation.xml":
        slides = sorted((n for n in names if n.startswith("ppt/slides/slide")
                         and n.endswith(".xml")), key=lambda n: (len(n), n))
        return "\n\n".join(_paragraphs(_xml(archive, n), A + "p", A + "t") for n in slides)
    if kind.family == "odf" and "content.xml" in names:
        root = _xml(archive, "content.xml")
        blocks = [" ".join("".join(e.itertext()).split())
                  for e in root.iter(ODF_TEXT + "p", ODF_TEXT + "h")]
        return "\n".join(b for b in blocks if b)
    return ""


def _xml(archive: zipfile.ZipFile, part: str):
    with archive.open(part) as stream:
        data = stream.read(MAX_PART_BYTES)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False, recover=True)
    return etree.fromstring(data, parser)


def _paragraphs(root, paragraph: str, run: str) -> str:
    if root is None:
        return ""
    blocks = ["".join(t.text or "" for t in p.iter(run)) for p in root.iter(paragraph)]
    return "\n".join(b for b in blocks if b.strip())


def _tidy(text: str) -> str:
    lines = [" ".join(line.split()) for line in text.replace("\r\n", "\n").split("\n")]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()
