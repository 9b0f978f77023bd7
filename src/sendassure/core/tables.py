"""Read the first table of a CSV (UTF-8, with or without a byte-order mark) or an XLSX
workbook's first sheet, every cell as text (dates as ISO dates, whole numbers without
``.0``), blank rows dropped. Importers of councils' spreadsheets (audits, complaints)
check the rows themselves; a file that cannot be read raises ``TableError``."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path


class TableError(ValueError):
    pass


def cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_table(path: Path) -> tuple[list[str], list[list[str]]]:
    """(header as given, rows padded to the header's width)."""
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        from openpyxl import load_workbook

        try:
            book = load_workbook(path, read_only=True, data_only=True)
        except Exception as error:  # openpyxl raises many kinds for a bad file
            raise TableError(f"not a readable XLSX workbook ({type(error).__name__})") from None
        sheet = book.worksheets[0]
        rows = [[cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
        book.close()
    elif suffix == ".csv":
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise TableError("not UTF-8 text") from None
        try:
            rows = [[c.strip() for c in row] for row in csv.reader(io.StringIO(text))]
        except csv.Error as error:
            raise TableError(f"not a readable CSV file ({error})") from None
    else:
        raise TableError("choose a .csv or .xlsx file")
    rows = [r for r in rows if any(r)]
    if not rows:
        raise TableError("the file is empty")
    header = [h.strip() for h in rows[0]]
    while header and not header[-1]:
        header.pop()
    return header, [r + [""] * (len(header) - len(r)) for r in rows[1:]]


@dataclass(frozen=True)
class Problem:
    """One problem of an imported table: the spreadsheet row (header = 1; None for the
    file as a whole), the column, the value (as it may be shown) and the reason."""

    row: int | None
    column: str
    value: str
    reason: str

    def __str__(self) -> str:
        where = f"row {self.row}" if self.row else "file"
        value = f" {self.value!r}" if self.value else ""
        return f"{where}, {self.column or 'columns'}:{value} {self.reason}"


class RejectedFile(ValueError):
    """A table refused whole: every problem listed, nothing stored."""

    def __init__(self, path: Path, problems: list[Problem]):
        self.path, self.problems = path, problems
        super().__init__(f"{path.name}: {len(problems)} problem(s); nothing was stored")


@dataclass
class ImportResult:
    added: int = 0
    updated: int = 0
    unchanged: int = 0


def parse_day(text: str, earliest: date, latest: date = date(2100, 12, 31)) -> date | None:
    """A cell's date (``YYYY-MM-DD`` or ``DD/MM/YYYY``) within ``earliest``..``latest``;
    None if it is not one."""
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            value = datetime.strptime(text, fmt).date()
        except ValueError:
            continue
        return value if earliest <= value <= latest else None
    return None
