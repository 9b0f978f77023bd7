"""Read one NHS England community health services (CHS) waiting-list sitrep workbook.

Every edition has a "Table 4" (total waiting list by service) and one "Table 4x" per
wait band, organisations down the side and services across; "Table 1" counts the
providers that did not submit, by month. Two layouts are published: to May 2023 the
organisation level sits in column B only where it changes and names in column C; from
June 2023 each row carries its type ("National", "Region", "ICB", "Provider") and
name, and blanks are empty cells rather than "". A code column, where a table has one,
is used; otherwise regions and ICBs are named and mapped to codes
(:mod:`.organisations`).

The month is read from the tables' titles ("..., June 2023"), or from the same table's
entry on the Contents sheet when its own title leaves the month out (April 2023) --
never from the file name. ``*`` is a suppressed value and a blank cell a service line
nobody submitted: both are kept as missing, of different kinds, never 0. The wait bands
are those the edition publishes, read from each table's title: seven in 2023, eight
from 2025 when over 52 weeks is split at 104.
"""

from __future__ import annotations

import math
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from .organisations import ENGLAND, ICB, PROVIDER, REGION, code_of

SUPPRESSED = "suppressed"
NOT_SUBMITTED = "not_submitted"
BANDS = ("total", "weeks_0_1", "weeks_1_2", "weeks_2_4", "weeks_4_12", "weeks_12_18",
         "weeks_18_52", "weeks_over_52", "weeks_52_104", "weeks_over_104")
MONTHS = {name: number for number, name in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august",
     "september", "october", "november", "december"), 1)}
TITLE_MONTH = re.compile(r",\s*([A-Za-z]+)\s+(\d{4})\s*$")
SHORT_MONTH = re.compile(r"^([A-Za-z]{3})-(\d{2})$")
WAVE_TABLE = re.compile(r"^Table 4[a-z]?$")
LEVEL_LABELS = {"national": ENGLAND, "england": ENGLAND, "region": REGION, "icb": ICB,
                "organisation": PROVIDER, "provider": PROVIDER}
MAX_ROWS = 2000
MAX_COLUMNS = 400


class NotASitrep(ValueError):
    """The file cannot be read as a CHS sitrep; ``str(error)`` says why."""


@dataclass(frozen=True)
class Organisation:
    level: str
    code: str | None
    name: str


@dataclass
class ServiceWaits:
    """One organisation's waits for one service: a count per band, or the kind of
    missing it is."""
    organisation: Organisation
    service: str
    counts: dict[str, int | None] = field(default_factory=dict)
    missing: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class NonSubmitters:
    organisation: Organisation
    month: date
    providers: int


@dataclass
class Sitrep:
    month: date
    published: date | None
    bands: list[str]
    waits: list[ServiceWaits]
    non_submitters: list[NonSubmitters]


def band_of(title: str) -> str | None:
    """The wait band a table's title names ("Number waiting >18-52 weeks ..." ->
    ``weeks_18_52``), ``total`` for the total waiting list, else None."""
    text = title.strip().lower()
    if text.startswith("total waiting list"):
        return "total"
    span = re.search(r"waiting\s*>?\s*(\d+)\s*-\s*(\d+)\s*weeks", text)
    if span:
        band = f"weeks_{span[1]}_{span[2]}"
        return band if band in BANDS else None
    over = re.search(r"waiting\s*(?:over|>)\s*(\d+)\s*weeks", text)
    if over:
        band = f"weeks_over_{over[1]}"
        return band if band in BANDS else None
    return None


def month_of_title(title: str) -> date | None:
    found = TITLE_MONTH.search(title.strip())
    if not found or found[1].lower() not in MONTHS:
        return None
    return date(int(found[2]), MONTHS[found[1].lower()], 1)


def _month_of_heading(value) -> date | None:
    if isinstance(value, datetime | date):
        return date(value.year, value.month, 1)
    if isinstance(value, str):
        short = SHORT_MONTH.match(value.strip())
        if short:
            for name, number in MONTHS.items():
                if name.startswith(short[1].lower()):
                    return date(2000 + int(short[2]), number, 1)
    return None


def _text(value) -> str:
    return value.strip() if isinstance(value, str) else ""


def _rows(sheet) -> list[tuple]:
    if hasattr(sheet, "reset_dimensions"):
        sheet.reset_dimensions()
    rows = []
    for number, row in enumerate(sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS), 1):
        if number > MAX_ROWS:
            raise NotASitrep(f"{sheet.title!r} has more than {MAX_ROWS} rows")
        rows.append(tuple(row))
    return rows


def _title(rows: list[tuple]) -> str:
    for row in rows[:3]:
        for cell in row:
            if _text(cell):
                return _text(cell)
    return ""


def _contents(workbook) -> dict[str, str]:
    """Contents sheet: "Table 4a" -> its title."""
    if "Contents" not in workbook.sheetnames:
        return {}
    found = {}
    for row in _rows(workbook["Contents"]):
        for cell in row:
            entry = re.match(r"^(Table \w+):\s*(.+)$", _text(cell))
            if entry:
                found[entry[1]] = entry[2]
    return found


def _published(workbook) -> date | None:
    if "Cover page" not in workbook.sheetnames:
        return None
    for row in _rows(workbook["Cover page"]):
        for index, cell in enumerate(row[:-1]):
            if _text(cell).lower() == "published:" and isinstance(row[index + 1], datetime):
                return row[index + 1].date()
    return None


def _column(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


class _Side:
    """Reads the organisation columns to the left of a table's figures."""

    def __init__(self, sheet: str, header: tuple, first_figure: int):
        self.sheet = sheet
        labels = [_text(cell).lower() for cell in header[:first_figure]]
        self.code = next((i for i, label in enumerate(labels) if "code" in label), None)
        named = [i for i, label in enumerate(labels) if "name" in label]
        others = [i for i in range(first_figure) if i != self.code]
        if not others:
            raise NotASitrep(f"{sheet!r}: no organisation column before the figures")
        self.name = named[0] if named else others[-1]
        before = [i for i in others if i < self.name]
        self.level = before[-1] if before else None
        self.current: str | None = None

    def organisation(self, row: tuple, number: int) -> Organisation | None:
        name = _text(row[self.name]) if self.name < len(row) else ""
        label = _text(row[self.level]).lower() if self.level is not None and \
            self.level < len(row) else ""
        if label:
            if label not in LEVEL_LABELS:
                raise NotASitrep(f"{self.sheet!r} row {number}: organisation type "
                                 f"{label!r} is not National, Region, ICB or Provider")
            self.current = LEVEL_LABELS[label]
        if not name:
            return None
        if name.lower() == "england":
            self.current = ENGLAND
        if self.current is None:
            raise NotASitrep(f"{self.sheet!r} row {number}: {name!r} has no organisation type")
        code = _text(row[self.code]) if self.code is not None and self.code < len(row) \
            else ""
        if not code and self.current != PROVIDER:
            code = code_of(self.current, name) or ""
            if not code:
                raise NotASitrep(f"{self.sheet!r} row {number}: no code is known for the "
                                 f"{self.current} named {name!r}")
        if len(name) > 200 or len(code) > 20:
            raise NotASitrep(f"{self.sheet!r} row {number}: the organisation's name or code "
                             "is longer than any published one")
        return Organisation(self.current, code or None, name)


def _count(value, sheet: str, number: int, index: int) -> tuple[int | None, str]:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, NOT_SUBMITTED
    if isinstance(value, str) and value.strip() == "*":
        return None, SUPPRESSED
    if isinstance(value, bool) or not isinstance(value, int | float) \
            or not math.isfinite(value) or value < 0 or value != int(value) \
            or value > 2**31 - 1:
        raise NotASitrep(f"{sheet!r} cell {_column(index)}{number}: {value!r} is not a "
                         "count, '*' or blank")
    return int(value), ""


def _header(rows: list[tuple], read) -> tuple[int | None, list[tuple[int, object]]]:
    """The first row where ``read`` finds something in a cell: its index and the
    (column, what was read) pairs."""
    for at, row in enumerate(rows):
        found = [(i, read(cell)) for i, cell in enumerate(row)]
        found = [(i, value) for i, value in found if value]
        if found:
            return at, found
    return None, []


def _service_table(name: str, rows: list[tuple], band: str,
                   waits: dict[tuple, ServiceWaits]) -> None:
    at, services = _header(rows, lambda c: _text(c) if re.match(r"^\((A|CYP)\) ",
                                                                _text(c)) else None)
    if at is None:
        raise NotASitrep(f"{name!r} has no header of services ('(A) ...', '(CYP) ...')")
    header = rows[at]
    if any(len(service) > 200 for _, service in services):
        raise NotASitrep(f"{name!r}: a service name is longer than any published one")
    side = _Side(name, header, services[0][0])
    seen = set()
    for number, row in enumerate(rows[at + 1:], at + 2):
        organisation = side.organisation(row, number)
        if organisation is None:
            continue
        if (organisation.level, organisation.name) in seen:
            raise NotASitrep(f"{name!r} row {number}: {organisation.name!r} appears twice")
        seen.add((organisation.level, organisation.name))
        for index, service in services:
            value, missing = _count(row[index] if index < len(row) else None, name, number,
                                    index)
            key = (organisation.level, organisation.name, service)
            held = waits.setdefault(key, ServiceWaits(organisation, service))
            held.counts[band] = value
            if missing:
                held.missing[band] = missing


def _non_submitters(rows: list[tuple]) -> list[NonSubmitters]:
    at, months = _header(rows, _month_of_heading)
    if at is None:
        raise NotASitrep("'Table 1' has no row of months")
    header = rows[at]
    side = _Side("Table 1", header, months[0][0])
    found = []
    for number, row in enumerate(rows[at + 1:], at + 2):
        organisation = side.organisation(row, number)
        if organisation is None:
            continue
        for index, month in months:
            value = row[index] if index < len(row) else None
            if value is None or (isinstance(value, str) and not value.strip()):
                continue
            count, _ = _count(value, "Table 1", number, index)
            if count is not None:
                found.append(NonSubmitters(organisation, month, count))
    return found


def _workbook(path: Path):
    import openpyxl

    try:
        return openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as error:
        raise NotASitrep(f"{path.name} is not an Excel workbook ({error.__class__.__name__})") \
            from None
    except Exception as error:  # openpyxl raises its own types for damaged files
        raise NotASitrep(f"{path.name} cannot be read as an Excel workbook: {error}") from None


def read_sitrep(path: Path, progress: Callable[[int, int], None] | None = None) -> Sitrep:
    """Everything one sitrep edition publishes; :class:`NotASitrep` if it is not one."""
    workbook = _workbook(path)
    try:
        return _read(workbook, path, progress)
    except NotASitrep:
        raise
    except Exception as error:  # a damaged part found while reading a sheet
        raise NotASitrep(f"{path.name} cannot be read: {error.__class__.__name__}: "
                         f"{error}") from None
    finally:
        workbook.close()


def _tables(workbook) -> Iterator[str]:
    return (name for name in workbook.sheetnames if WAVE_TABLE.match(name))


def _read(workbook, path: Path, progress) -> Sitrep:
    tables = list(_tables(workbook))
    if "Table 4" not in tables:
        raise NotASitrep(f"{path.name} has no 'Table 4' sheet (total waiting list by "
                         "service): it is not a CHS waiting-list sitrep")
    contents = _contents(workbook)
    months: set[date] = set()
    bands: list[str] = []
    waits: dict[tuple, ServiceWaits] = {}
    for done, name in enumerate(tables, 1):
        rows = _rows(workbook[name])
        title = _title(rows)
        band = band_of(title)
        if band is None or band in bands:
            raise NotASitrep(f"{name!r}: the title {title!r} names no wait band, or one "
                             "already read")
        month = month_of_title(title) or month_of_title(contents.get(name, ""))
        if month is None:
            raise NotASitrep(f"{name!r}: neither its title nor the Contents entry names "
                             "the month")
        months.add(month)
        bands.append(band)
        _service_table(name, rows, band, waits)
        if progress:
            progress(done, len(tables) + 1)
    if len(months) != 1:
        raise NotASitrep(f"{path.name}: the tables' titles name different months: "
                         + ", ".join(sorted(m.strftime("%B %Y") for m in months)))
    non_submitters = _non_submitters(_rows(workbook["Table 1"])) \
        if "Table 1" in workbook.sheetnames else []
    if progress:
        progress(len(tables) + 1, len(tables) + 1)
    ordered = [band for band in BANDS if band in bands]
    return Sitrep(months.pop(), _published(workbook), ordered, list(waits.values()),
                  non_submitters)
