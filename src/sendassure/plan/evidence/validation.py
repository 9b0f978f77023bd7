"""What the evidence library accepts, and why it refuses the rest.

A file is judged by its name's extension AND by its content (magic bytes, the ZIP
directory of Office/OpenDocument files, the stream names of old Office files, the
text itself). Each refusal rule is one ``refuse_*`` function that raises ``Refused``
with a message naming the file and saying why; ``check`` runs them in order and
returns the accepted ``Kind``. Nothing is stored before ``check`` has passed.

Decisions:
- PDFs that pypdf cannot open are refused as damaged, with pypdf's reason; PDFs that
  need a password to open are refused (reviewers could not read them); PDFs with only an
  owner password (permissions) are accepted once decrypted, and refused when this server
  cannot decrypt them (AES without a crypto library): unread, they cannot be checked.
- A PDF is refused for script, launch or data-submitting actions and embedded files
  found anywhere in its parsed object tree: the list and where it is looked for are in
  ``pdf_actions``. Without pypdf installed, PDFs are judged by a scan of their bytes.
- Office Open XML and OpenDocument packages are unpacked in full (nothing is kept) to
  count what all their parts really expand to, against MAX_ZIP_UNCOMPRESSED; the ZIP
  directory's sizes are only a first, quick test (they can lie).
- Macros are refused under any part name: a part whose content is an OLE compound file
  holding a VBA project, a macro content type in [Content_Types].xml (as parsed, so
  character references hide nothing), a VBA relationship in any .rels part. ActiveX
  controls and any other OLE part (an embedded OLE object, which can carry macros or a
  program) are refused too; modern embedded Office files (ZIP parts) are not.
- Password-protected Office files (an OLE2 ``EncryptedPackage``) are refused likewise.
- Text files (CSV, TXT) must be UTF-8 (a BOM is allowed) with no NUL byte.
- Old Office files (doc/xls/ppt) are told apart by their stream names; their macros by
  a ``_VBA_PROJECT`` stream.
"""

from __future__ import annotations

import codecs
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePath
from typing import BinaryIO

from . import pdf_actions

MB = 1024 * 1024

# Zip bombs: judged from the ZIP directory, nothing is extracted.
MAX_ZIP_ENTRIES = 10_000
MAX_ZIP_UNCOMPRESSED = 200 * MB
MAX_ZIP_RATIO = 100  # uncompressed : compressed, for any entry of RATIO_FLOOR or more
RATIO_FLOOR = 1 * MB

MAX_XML_PART = 10 * MB  # [Content_Types].xml or a .rels part, read to be parsed

# Macros and code in Office Open XML packages, whatever their parts are called.
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0"  # an OLE compound file (a VBA project, an OLE object)
VBA_STREAM = "_VBA_PROJECT".encode("utf-16-le")  # the stream every VBA project holds
MACRO_CONTENT_TYPES = ("vbaproject", "macroenabled", "vbadata")  # lower-cased fragments
MACRO_RELATIONSHIPS = frozenset({"vbaproject", "vbaprojectsignature", "wordvbadata"})
ACTIVEX_RELATIONSHIPS = frozenset({"control", "activexcontrolbinary"})

HEAD_BYTES = 8192
CHUNK = 1 * MB


class Refused(ValueError):
    """An upload the library will not store; ``str(error)`` is the message for the user."""

    @property
    def message(self) -> str:
        return str(self)


@dataclass(frozen=True)
class Part:
    """One part of a ZIP package, as unpacked (not as its directory says)."""

    name: str
    size: int  # bytes it expands to
    ole: bool  # its content starts with the OLE compound-file signature
    vba: bool  # its content holds a VBA project stream name


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


def refuse_zip_expansion(name: str, archive: zipfile.ZipFile, handle: BinaryIO) -> list[Part]:
    """Unpack every part (keeping nothing) to count what it really expands to, since a
    ZIP directory can understate it: refused when all the parts together pass
    MAX_ZIP_UNCOMPRESSED, when a part expands beyond the size the directory gives, or
    (from RATIO_FLOOR) more than MAX_ZIP_RATIO times. Returns what each part is."""
    parts, total = [], 0
    for info in archive.infolist():
        if not info.is_dir():
            part = _expand_part(name, info, handle, MAX_ZIP_UNCOMPRESSED - total)
            total += part.size
            parts.append(part)
    return parts


def refuse_zip_macros(name: str, archive: zipfile.ZipFile, parts: list[Part]) -> None:
    """Macros under any name: a VBA part by its name, an OLE part holding a VBA project,
    a macro content type in [Content_Types].xml, a relationship to a VBA project, or an
    OpenDocument Basic or Scripts folder."""
    where = _macro_part(name, archive, parts)
    if where:
        raise Refused(f"{name} contains macros ({where}), which can run code: save it without "
                      "macros (for example as .docx, .xlsx or .pptx) or as a PDF")


def refuse_embedded_code(name: str, archive: zipfile.ZipFile, parts: list[Part]) -> None:
    """ActiveX controls (by content type or relationship) and any other part that is an
    OLE compound file (an embedded OLE object can carry macros or a program)."""
    types, relations = _content_types(name, archive), _relationship_types(name, archive)
    if any("activex" in t for t in types) or relations & ACTIVEX_RELATIONSHIPS:
        raise Refused(f"{name} contains ActiveX controls, which can run code: save it "
                      "without them or as a PDF")
    ole = next((p.name for p in parts if p.ole), None)
    if ole:
        raise Refused(f"{name} contains an embedded OLE object ({ole}), which can carry "
                      "macros or programs: save it without embedded objects or as a PDF")


def _macro_part(name: str, archive: zipfile.ZipFile, parts: list[Part]) -> str:
    """Where a macro sits ("" if none)."""
    for part in archive.namelist():
        lowered = part.lower()
        if lowered.endswith(("vbaproject.bin", "vbadata.xml")):
            return f"part {part}"
        if lowered.startswith(("basic/", "scripts/")) and not lowered.endswith("/"):
            return f"OpenDocument macro part {part}"
    vba = next((p.name for p in parts if p.ole and p.vba), None)
    if vba:
        return f"a VBA project in part {vba}"
    if any(m in t for t in _content_types(name, archive) for m in MACRO_CONTENT_TYPES):
        return "a macro content type in [Content_Types].xml"
    if _relationship_types(name, archive) & MACRO_RELATIONSHIPS:
        return "a relationship to a VBA project"
    return ""


def _content_types(name: str, archive: zipfile.ZipFile) -> list[str]:
    """Every ContentType of [Content_Types].xml, lower-cased, as the XML parser reads
    them (character references decoded)."""
    if "[Content_Types].xml" not in archive.namelist():
        return []
    root = _xml_part(name, archive, "[Content_Types].xml")
    return [t.lower() for el in root.iter() if (t := el.get("ContentType"))]


def _relationship_types(name: str, archive: zipfile.ZipFile) -> set[str]:
    """The last segment, lower-cased, of every relationship Type in every .rels part."""
    found: set[str] = set()
    for part in archive.namelist():
        if part.lower().endswith(".rels"):
            root = _xml_part(name, archive, part)
            found.update(t.rstrip("/").rsplit("/", 1)[-1].lower()
                         for el in root.iter() if (t := el.get("Type")))
    return found


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
    """Damaged PDFs, PDFs that need a password to open or that cannot be decrypted to be
    checked, and PDFs with script, launch actions or embedded files anywhere in their
    object tree (see ``pdf_actions``) are refused."""
    try:
        import pypdf  # noqa: F401
    except ImportError:  # judged by the bytes alone
        _scan_for(name, handle, (b"/JavaScript", b"/Launch", b"/EmbeddedFile"),
                  "has script, launch actions or embedded files, which can run code: "
                  "print it to a new PDF without them")
        return
    found = _pdf_findings(name, handle)
    if found:
        raise Refused(_pdf_refusal(name, found[0]))


def _pdf_findings(name: str, handle: BinaryIO) -> list[pdf_actions.Finding]:
    """Open the PDF with pypdf and walk its object tree; refuse what cannot be opened."""
    import pypdf
    from pypdf.errors import DependencyError

    handle.seek(0)
    try:
        reader = pypdf.PdfReader(handle)
        if reader.is_encrypted and not reader.decrypt(""):
            raise Refused(f"{name} needs a password to open, so reviewers could not read "
                          "it: save it without a password")
        len(reader.pages)
        return pdf_actions.findings(reader)
    except Refused:
        raise
    except DependencyError as error:  # AES without a crypto library
        raise Refused(f"{name} is encrypted in a way this server cannot open, so it cannot "
                      "be checked for script: save it without a password or "
                      "restrictions") from error
    except Exception as error:  # pypdf raises many kinds of error on a damaged file
        raise Refused(f"{name} is damaged: it could not be read as a PDF "
                      f"({_reason(error)})") from error


def _pdf_refusal(name: str, finding: pdf_actions.Finding) -> str:
    where = f"{finding.where}: {finding.what}"
    if finding.kind == pdf_actions.EMBEDDED:
        return (f"{name} carries embedded files ({where}), which can hold programs: print "
                "it to a new PDF without them")
    if finding.kind == pdf_actions.TOO_COMPLEX:
        return (f"{name} is too complex to check for script ({where}): print it to a new "
                "PDF")
    return (f"{name} has script or launch actions ({where}), which can run code: print it "
            "to a new PDF without them")


def _reason(error: Exception) -> str:
    """An error's text, on one line, printable and short enough for a message."""
    text = " ".join(str(error).split()) or type(error).__name__
    text = "".join(c if c.isprintable() else "?" for c in text)
    return text if len(text) <= 120 else text[:119] + "…"


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
                parts = refuse_zip_expansion(name, archive, handle)
                refuse_zip_macros(name, archive, parts)
                refuse_embedded_code(name, archive, parts)
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


def _xml_part(name: str, archive: zipfile.ZipFile, part: str):
    """A package's XML part, parsed without a DTD, entities or network (Office files use
    none); refused when too large to check or not well-formed."""
    from lxml import etree

    data = _read_part(archive, part, MAX_XML_PART + 1)
    if len(data) > MAX_XML_PART:
        raise Refused(f"{name} has a part too large to check ({part})")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise Refused(f"{name} is damaged: its part {part} is not well-formed XML") from error
    if root.getroottree().docinfo.doctype:
        raise Refused(f"{name} is damaged: its part {part} declares a DTD, which Office "
                      "files never do")
    return root


def _expand_part(name: str, info: zipfile.ZipInfo, handle: BinaryIO, allowance: int) -> Part:
    """Unpack one part, counting its bytes against ``allowance`` (what is left of the
    total) and looking at its content: the OLE signature, a VBA project stream."""
    size, head, tail, vba = 0, b"", b"", False
    for chunk in _unpacked(name, info, handle):
        size += len(chunk)
        if size > allowance:
            raise Refused(f"{name} expands to more than {MAX_ZIP_UNCOMPRESSED // MB} MB when "
                          "all its parts are unpacked: it looks like a zip bomb")
        head = (head + chunk[:8])[:8]
        window = tail + chunk
        vba = vba or VBA_STREAM in window
        tail = window[-len(VBA_STREAM):]
    if size > info.file_size:
        raise Refused(f"{name} has a part that expands beyond the size its ZIP directory "
                      f"gives ({info.filename}): it looks like a zip bomb")
    if size >= RATIO_FLOOR and size > MAX_ZIP_RATIO * max(info.compress_size, 1):
        raise Refused(f"{name} has a part that expands more than {MAX_ZIP_RATIO} times "
                      f"({info.filename}): it looks like a zip bomb")
    return Part(info.filename, size, head.startswith(OLE_SIGNATURE), vba)


def _unpacked(name: str, info: zipfile.ZipInfo, handle: BinaryIO) -> Iterator[bytes]:
    """A part's content in chunks, read from its local header on (never trusting the
    directory's sizes for a compressed part: the deflate stream says where it ends)."""
    if info.flag_bits & 0x1:
        raise Refused(f"{name} has an encrypted part ({info.filename}), which cannot be checked")
    start = _data_start(name, info, handle)
    if info.compress_type == zipfile.ZIP_STORED:
        yield from _stored(name, info, handle, start)
    elif info.compress_type == zipfile.ZIP_DEFLATED:
        yield from _inflated(name, info, handle, start)
    else:
        raise Refused(f"{name} has a part packed in a way Office and OpenDocument files do "
                      f"not use ({info.filename})")


def _data_start(name: str, info: zipfile.ZipInfo, handle: BinaryIO) -> int:
    handle.seek(info.header_offset)
    header = handle.read(30)
    if len(header) < 30 or header[:4] != b"PK\x03\x04":
        raise Refused(f"{name} is damaged: its part {info.filename} could not be found")
    name_length, extra_length = struct.unpack("<HH", header[26:30])
    return info.header_offset + 30 + name_length + extra_length


def _stored(name: str, info: zipfile.ZipInfo, handle: BinaryIO, start: int) -> Iterator[bytes]:
    position, left = start, info.compress_size
    while left > 0:
        handle.seek(position)
        data = handle.read(min(CHUNK, left))
        if not data:
            raise Refused(f"{name} is damaged: its part {info.filename} is cut short")
        position, left = position + len(data), left - len(data)
        yield data


def _inflated(name: str, info: zipfile.ZipInfo, handle: BinaryIO, start: int) -> Iterator[bytes]:
    inflater, position = zlib.decompressobj(-zlib.MAX_WBITS), start
    while not inflater.eof:
        handle.seek(position)
        data = handle.read(CHUNK)
        if not data:
            raise Refused(f"{name} is damaged: its part {info.filename} is cut short")
        position += len(data)
        while not inflater.eof:
            try:
                out = inflater.decompress(data, CHUNK)
            except zlib.error as error:
                raise Refused(f"{name} is damaged: its part {info.filename} could not be "
                              "unpacked") from error
            if out:
                yield out
            data = inflater.unconsumed_tail
            if not data and len(out) < CHUNK:
                break  # all this input is used: read on


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
