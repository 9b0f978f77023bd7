"""Read a provider's referral extract (CSV or XLSX, first sheet): one row per referral,
the columns below in any order (headings compared without case or surrounding spaces),
every cell as text. A file that cannot be read, or lacks a column, is refused whole
(``ExtractRefused``); a column not of the layout is ignored (never read or stored: it
may hold a name) and counted; everything else is judged row by row by the rules."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sendassure.core import tables

COLUMNS = ("nhs_number", "birth_month", "sex", "service", "provider_code", "referral_date",
           "priority", "first_contact_date", "clock_stop_date", "clock_stop_reason",
           "ehc_advice_requested", "ehc_advice_returned")


class ExtractRefused(ValueError):
    def __init__(self, path: Path, reason: str):
        self.path, self.reason = path, reason
        super().__init__(f"{path.name}: refused: {reason}; nothing was stored")


@dataclass(frozen=True)
class ExtractRow:
    """A row as given: ``number`` is the spreadsheet's row (the header is row 1)."""

    number: int
    cells: dict[str, str]


@dataclass(frozen=True)
class Extract:
    rows: list[ExtractRow]
    ignored: int  # columns not of the layout: never read, never stored


def read_extract(path: Path) -> Extract:
    try:
        header, body = tables.read_table(path)
    except tables.TableError as error:
        raise ExtractRefused(path, str(error)) from None
    names = [h.strip().lower().replace("\x00", "") for h in header]
    missing = [c for c in COLUMNS if c not in names]
    if missing:
        raise ExtractRefused(path, "not a referral extract: missing column(s) "
                             + ", ".join(missing))
    if any(names.count(c) > 1 for c in COLUMNS):
        raise ExtractRefused(path, "a column is named twice")
    where = {c: names.index(c) for c in COLUMNS}
    return Extract([ExtractRow(number, {c: cells[where[c]] for c in COLUMNS})
                    for number, cells in enumerate(body, start=2)],
                   ignored=sum(n not in COLUMNS for n in names))
