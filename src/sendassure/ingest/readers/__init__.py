"""SEN2 readers: XML (streamed) and DfE's module-CSV export, behind ``open_return``."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from sendassure.ingest.readers.sen2_csv import read_sen2_csv
from sendassure.ingest.readers.sen2_xml import read_sen2_xml
from sendassure.ingest.records import Return, ReturnRejected

__all__ = ["open_return", "read_sen2_csv", "read_sen2_xml"]


def _looks_like_xml(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            head = handle.read(512)
    except OSError as err:
        raise ReturnRejected(
            f"The file {path.name} could not be opened: {err.strerror or err}."
        ) from err
    # Drop byte-order marks and the NULs of UTF-16 so that the first mark shows.
    head = head.replace(b"\x00", b"").lstrip(b"\xef\xbb\xbf\xff\xfe \t\r\n")
    return head.startswith(b"<")


def open_return(paths: Sequence[Path]) -> Return:
    """Open a SEN2 return: one XML file, or the module CSV files (or their directory).

    A single file whose content starts with ``<`` is read as XML; anything else as the
    CSV export.
    """
    paths = [Path(p) for p in paths]
    if not paths:
        raise ReturnRejected("No file was given to read as a SEN2 return.")
    if len(paths) == 1 and not paths[0].is_dir() and _looks_like_xml(paths[0]):
        return read_sen2_xml(paths[0])
    return read_sen2_csv(paths)
