"""What the evidence library accepts, and why it refuses the rest.

A file is judged by its name's extension AND by its content (magic bytes, the ZIP
directory of Office/OpenDocument files, the stream names of old Office files, the
text itself). Each refusal rule is one ``refuse_*`` function that raises ``Refused``
with a message naming the file and saying why; ``check`` runs them in order and
returns the accepted ``Kind``. Nothing is stored before ``check`` has passed.

Decisions:
- PDFs that pypdf cannot open are refused as damaged; PDFs that need a password to open
  are refused (reviewers could not read them); PDFs with only an owner password
  (permissions) are accepted. Without pypdf installed PDFs are judged by their header.
- Password-protected Office files (an OLE2 ``EncryptedPackage``) are refused likewise.
- Text files (CSV, TXT) must be UTF-8 (a BOM is allowed) with no NUL byte.
- Old Office files (doc/xls/ppt) are told apart by their stream names; their macros by
  a ``_VBA_PROJECT`` stream.
"""

from __future__ import annotations

import codecs
import zipfile
from dataclasses import dataclass
from pathlib import PurePath
from typing import BinaryIO

MB = 1024 * 1024

# Zip bombs: judged from the ZIP directory, nothing is extracted.
MAX_ZIP_ENTRIES = 10_000
MAX_ZIP_UNCOMPRESSED = 200 * MB
MAX_ZIP_RATIO = 100  # uncompressed : compressed, for any entry of RATIO_FLOOR or more
RATIO_FLOOR = 1 * MB

HEAD_BYTES = 8192
CHUNK = 1 * MB


class Refused(ValueError):
    """An upload the library will not store; ``str(error)`` is the message for the user."""

    @property
    def message(self) -> str:
        return str(self)


@dataclass(frozen=True)
class Kind:
    label: str  # with its article, as used in messages: "a Word document"
    family: str  # pdf, ooxml, ole2, odf, text, png, jpeg, gif, webp
    content_type: str
    marker: str = ""  # ooxml: main part; odf: mimetype; ole2: main stream name

    @property
    def is_image(self) -> bool:
        return self.family in {"png", "jpeg", "gif", "webp"}


_OOXML = "application/vnd.openxmlformats-officedocument."
_ODF = "application/vnd.oasis.opendocument."

KINDS: dict[str, Kind] = {
    ".pdf": Kind("a PDF", "pdf", "application/pdf"),
    ".docx": Kind("a Word document", "ooxml", _OOXML + "wordprocessingml.document",
                  "word/document.xml"),
    ".xlsx": Kind("an Excel workbook", "ooxml", _OOXML + "spreadsheetml.sheet",
                  "xl/workbook.xml"),
    ".pptx": Kind("a PowerPoint presentation", "ooxml", _OOXML + "presentationml.presentation",
                  "ppt/presentation.xml"),
    ".doc": Kind("a Word 97-2003 document", "ole2", "application/msword", "WordDocument"),
    ".xls": Kind("an Excel 97-2003 workbook", "ole2", "application/vnd.ms-excel", "Workbook"),
    ".ppt": Kind("a PowerPoint 97-2003 presentation", "ole2", "application/vnd.ms-powerpoint",
                 "PowerPoint Document"),
    ".odt": Kind("an OpenDocument text", "odf", _ODF + "text", _ODF + "text"),
    ".ods": Kind("an OpenDocument spreadsheet", "odf", _ODF + "spreadsheet",
                 _ODF + "spreadsheet"),
    ".odp": Kind("an OpenDocument presentation", "odf", _ODF + "presentation",
                 _ODF + "presentation"),
    ".csv": Kind("a CSV file", "text", "text/csv"),
    ".txt": Kind("a text file", "text", "text/plain"),
    ".png": Kind("a PNG image", "png", "image/png"),
    ".jpg": Kind("a JPEG image", "jpeg", "image/jpeg"),
    ".jpeg": Kind("a JPEG image", "jpeg", "image/jpeg"),
    ".gif": Kind("a GIF image", "gif", "image/gif"),
    ".webp": Kind("a WebP image", "webp", "image/webp"),
}

MACRO_EXTENSIONS = {".docm", ".dotm", ".xlsm", ".xltm", ".xlam", ".pptm", ".potm",
                    ".ppsm", ".ppam", ".sldm"}
WEB_EXTENSIONS = {".html", ".htm", ".xhtml", ".xht", ".shtml", ".svg", ".svgz", ".xml",
                  ".xsl", ".mht", ".mhtml", ".js", ".mjs"}
ACCEPTED = ("PDF, Word, Excel, PowerPoint, OpenDocument, CSV or text files, "
            "or PNG, JPEG, GIF or WebP images")

# What content looks like, for messages ("its content is a ZIP archive").
CONTENT_LABELS = {
    "pdf": "a PDF", "zip": "a ZIP archive", "ole2": "an old-style Office file",
    "png": "a PNG image", "jpeg": "a JPEG image", "gif": "a GIF image", "webp": "a WebP image",
    "html": "a web page (HTML)", "svg": "an SVG image (which can carry script)",
    "xml": "an XML document", "text": "text", "exe": "a program",
    "binary": "unrecognised binary data",
}


def _utf16(name: str) -> bytes:
    return name.encode("utf-16-le")


OLE2_STREAMS = {  # stream name (UTF-16LE in the directory) -> the kind it makes the file
    "WordDocument": ".doc", "Workbook": ".xls", "Book": ".xls", "PowerPoint Document": ".ppt",
}


# --- the rules, in the order ``check`` applies them ---------------------------------------

def refuse_empty(name: str, size: int) -> None:
    if size == 0:
        raise Refused(f"{name} is empty")


def refuse_too_big(name: str, size: int, max_mb: int) -> None:
    if size > max_mb * MB:
        raise Refused(f"{name} is {size / MB:.1f} MB: files must be {max_mb} MB or smaller")


def refuse_macro_extension(name: str) -> None:
    if _suffix(name) in MACRO_EXTENSIONS:
        raise Refused(f"{name} is a macro-enabled Office file: macros can run code, so save "
                      "it without macros (for example as .docx, .xlsx or .pptx) or as a PDF")


def refuse_web_extension(name: str) -> None:
    if _suffix(name) in WEB_EXTENSIONS:
        raise Refused(f"{name} is a web page, SVG or XML file, which can carry script: "
                      "save it as a PDF instead")


def refuse_unknown_extension(name: str) -> None:
    if _suffix(name) not in KINDS:
        suffix = _suffix(name)
        has = f"the extension {suffix}" if suffix else "no extension"
        raise Refused(f"{name} has {has}: the evidence library accepts {ACCEPTED}")


def refuse_content_mismatch(name: str, kind: Kind, content: str) -> None:
    """``content`` is the sniffed family of the bytes (see ``sniff``)."""
    expected = {"ooxml": "zip", "odf": "zip"}.get(kind.family, kind.family)
    if content != expected:
        raise Refused(f"{name} is not {kind.label}: its content is {CONTENT_LABELS[content]}")


def refuse_corrupt_zip(name: str, kind: Kind, handle: BinaryIO) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(handle)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as error:
        raise Refused(f"{name} is damaged: it could not be opened as {kind.label}") from error


def refuse_zip_bomb(name: str, archive: zipfile.ZipFile) -> None:
    """Judged from the ZIP directory only: too many entries, too much once expanded, or an
    entry that expands more than MAX_ZIP_RATIO times."""
    entries = archive.infolist()
    if len(entries) > MAX_ZIP_ENTRIES:
        raise Refused(f"{name} holds {len(entries):,} parts (more than {MAX_ZIP_ENTRIES:,}): "
                      "it looks like a zip bomb")
    total = sum(e.file_size for e in entries)
    if total > MAX_ZIP_UNCOMPRESSED:
        raise Refused(f"{name} would expand to {total / MB:,.0f} MB (more than "
                      f"{MAX_ZIP_UNCOMPRESSED // MB} MB): it looks like a zip bomb")
    for entry in entries:
        if entry.file_size >= RATIO_FLOOR and (
                entry.compress_size == 0 or entry.file_size / entry.compress_size > MAX_ZIP_RATIO):
            raise Refused(f"{name} has a part that expands more than {MAX_ZIP_RATIO} times "
                          f"({entry.filename}): it looks like a zip bomb")


def refuse_zip_macros(name: str, archive: zipfile.ZipFile) -> None:
    names = archive.namelist()
    lowered = [n.lower() for n in names]
    macro = any(n.endswith("vbaproject.bin") or n.endswith("vbadata.xml") for n in lowered)
    macro = macro or any(n.startswith(("basic/", "scripts/")) and not n.endswith("/")
                         for n in lowered)  # OpenDocument macros
    if not macro and "[Content_Types].xml" in names:
        types = _read_part(archive, "[Content_Types].xml", 1 * MB)
        macro = b"macroenabled" in types.lower()
    if macro:
        raise Refused(f"{name} contains macros, which can run code: save it without macros "
                      "(for example as .docx, .xlsx or .pptx) or as a PDF")


def refuse_wrong_package(name: str, kind: Kind, archive: zipfile.ZipFile) -> None:
    """A .docx must hold [Content_Types].xml and word/document.xml, an .odt the
    OpenDocument text mimetype, and so on."""
    found = package_kind(archive)
    if found != kind:
        label = found.label if found else "a ZIP archive"
        raise Refused(f"{name} is not {kind.label}: its content is {label}")


def refuse_ole2_password(name: str, streams: set[str]) -> None:
    if "EncryptedPackage" in streams:
        raise Refused(f"{name} is protected by a password, so reviewers could not open it: "
                      "save it without a password")


def refuse_ole2_macros(name: str, streams: set[str]) -> None:
    if "_VBA_PROJECT" in streams:
        raise Refused(f"{name} contains macros, which can run code: save it without macros "
                      "or as a PDF")


def refuse_wrong_ole2_kind(name: str, kind: Kind, streams: set[str]) -> None:
    kinds = {OLE2_STREAMS[s] for s in streams if s in OLE2_STREAMS}
    if _ext_of_kind(kind) not in kinds:
        other = KINDS[sorted(kinds)[0]].label if kinds else "an Office file of an unknown kind"
        raise Refused(f"{name} is not {kind.label}: its content is {other}")


def refuse_unreadable_pdf(name: str, handle: BinaryIO) -> None:
    """Damaged PDFs, PDFs that need a password to open, and PDFs with script or launch
    actions are refused."""
    _scan_for(name, handle, (b"/JavaScript", b"/Launch"), "has script or launch actions, "
              "which can run code: print it to a new PDF without them")
    try:
        import pypdf
        from pypdf.errors import DependencyError
    except ImportError:  # judged by the header alone
        return
    handle.seek(0)
    try:
        reader = pypdf.PdfReader(handle)
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except DependencyError:
                return  # AES without a crypto library: accepted, no text
            if not opened:
                raise Refused(f"{name} needs a password to open, so reviewers could not read "
                              "it: save it without a password")
        len(reader.pages)
        scripted = _pdf_catalog_runs_script(reader)
    except Refused:
        raise
    except Exception as error:  # pypdf raises many kinds of error on a damaged file
        raise Refused(f"{name} is damaged: it could not be read as a PDF") from error
    if scripted:
        raise Refused(f"{name} has script or launch actions, which can run code: print it "
                      "to a new PDF without them")


def _pdf_catalog_runs_script(reader) -> bool:
    """Script in the document's name tree, or an action run on opening (catches script
    hidden in compressed object streams, which the byte scan cannot see)."""
    catalog = reader.trailer["/Root"].get_object()
    names = catalog.get("/Names")
    if names is not None and "/JavaScript" in names.get_object():
        return True
    action = catalog.get("/OpenAction")
    action = action.get_object() if action is not None else None
    return hasattr(action, "get") and action.get("/S") in ("/JavaScript", "/Launch")


def refuse_not_utf8(name: str, kind: Kind, handle: BinaryIO) -> None:
    decoder = codecs.getincrementaldecoder("utf-8")()
    handle.seek(0)
    try:
        while chunk := handle.read(CHUNK):
            if b"\x00" in chunk:
                raise Refused(f"{name} is not {kind.label}: it contains binary data (NUL bytes)")
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError as error:
        raise Refused(f"{name} is not UTF-8 text: save it as UTF-8 "
                      "(in Excel, \u201cCSV UTF-8\u201d)") from error


def refuse_script_in_text(name: str, handle: BinaryIO) -> None:
    _scan_for(name, handle, (b"<script",), "contains a <script> tag: evidence files may not "
              "carry script", ignore_case=True)


# --- the order of play ----------------------------------------------------------------------

def check(name: str, handle: BinaryIO, size: int, max_mb: int) -> Kind:
    """Judge one upload; return its kind or raise ``Refused``. ``handle`` must be seekable;
    it is left at position 0."""
    refuse_empty(name, size)
    refuse_too_big(name, size, max_mb)
    refuse_macro_extension(name)
    refuse_web_extension(name)
    refuse_unknown_extension(name)
    kind = KINDS[_suffix(name)]
    handle.seek(0)
    content = sniff(handle.read(HEAD_BYTES))
    try:
        refuse_content_mismatch(name, kind, content)
        if kind.family in {"ooxml", "odf"}:
            handle.seek(0)
            archive = refuse_corrupt_zip(name, kind, handle)
            with archive:
                refuse_zip_bomb(name, archive)
                refuse_zip_macros(name, archive)
                refuse_wrong_package(name, kind, archive)
        elif kind.family == "ole2":
            streams = ole2_stream_names(handle)
            refuse_ole2_password(name, streams)
            refuse_ole2_macros(name, streams)
            refuse_wrong_ole2_kind(name, kind, streams)
        elif kind.family == "pdf":
            refuse_unreadable_pdf(name, handle)
        elif kind.family == "text":
            refuse_not_utf8(name, kind, handle)
            refuse_script_in_text(name, handle)
    finally:
        handle.seek(0)
    return kind


def sniff(head: bytes) -> str:
    """The family of some content, from its first bytes (a key of ``CONTENT_LABELS``)."""
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return "zip"
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole2"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head.startswith((b"MZ", b"\x7fELF", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe")):
        return "exe"
    if b"\x00" in head:
        return "binary"
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<script")):
        return "html"
    if start.startswith(b"<svg") or (start.startswith(b"<?xml") and b"<svg" in start):
        return "svg"
    if start.startswith(b"<?xml"):
        return "xml"
    controls = sum(1 for b in head if b < 32 and b not in b"\t\r\n\f")
    return "binary" if controls > len(head) // 100 else "text"


def package_kind(archive: zipfile.ZipFile) -> Kind | None:
    """Which Office Open XML or OpenDocument kind a ZIP archive is, if any."""
    names = set(archive.namelist())
    if "[Content_Types].xml" in names:
        for kind in KINDS.values():
            if kind.family == "ooxml" and kind.marker in names:
                return kind
    if "mimetype" in names:
        mimetype = _read_part(archive, "mimetype", 200).strip().decode("ascii", "replace")
        for kind in KINDS.values():
            if kind.family == "odf" and kind.marker == mimetype:
                return kind
    return None


def ole2_stream_names(handle: BinaryIO) -> set[str]:
    """The stream names of interest found in an OLE2 (Office 97-2003) file. Directory
    entries hold names in UTF-16LE followed by a NUL; scanning for them avoids a full
    compound-file parser."""
    wanted = [*OLE2_STREAMS, "EncryptedPackage", "_VBA_PROJECT"]
    needles = {_utf16(n) + b"\x00\x00": n for n in wanted}
    needles[_utf16("_VBA_PROJECT")] = "_VBA_PROJECT"  # also _VBA_PROJECT_CUR
    found: set[str] = set()
    handle.seek(0)
    tail = b""
    while chunk := handle.read(CHUNK):
        window = tail + chunk
        found.update(n for needle, n in needles.items() if needle in window)
        tail = window[-64:]
    return found


# --- helpers ---------------------------------------------------------------------------------

def _suffix(name: str) -> str:
    return PurePath(name).suffix.lower()


def _ext_of_kind(kind: Kind) -> str:
    return next(ext for ext, k in KINDS.items() if k == kind)


def _read_part(archive: zipfile.ZipFile, part: str, limit: int) -> bytes:
    with archive.open(part) as stream:
        return stream.read(limit)


def _scan_for(name: str, handle: BinaryIO, needles: tuple[bytes, ...], why: str,
              ignore_case: bool = False) -> None:
    handle.seek(0)
    tail = b""
    overlap = max(len(n) for n in needles)
    while chunk := handle.read(CHUNK):
        window = tail + chunk
        haystack = window.lower() if ignore_case else window
        if any(n in haystack for n in needles):
            raise Refused(f"{name} {why}")
        tail = window[-overlap:]
