"""Read DfE's module-CSV export of a SEN2 return.

Files. One CSV per module; a file belongs to the module whose name its stem contains
(ignoring case, ``_`` or space for ``-``): ``person``, ``request(s)``, ``assessment``,
``named-plan``, ``plan-detail``, ``active-plan(s)``, ``placement-detail``,
``sen-need``, plus an optional ``header``. A directory stands for the CSV files in
it. Only ``person`` is required; other CSV files are ignored and listed in
``Return.unknown_elements``.

Columns. Field columns carry the SEN2 field names (matched like XML elements: any
case, known variants such as ``PlanWPB`` noted in ``Return.variants``). Modules are
linked by id columns, matched ignoring case, ``_`` and ``-`` (so ``person_table_id``
is ``persontableid``). Each module has its own id column and its parent's:

=================  ========================  ========================
module file        own id                    parent id
=================  ========================  ========================
person             persontableid             (none)
requests           requesttableid            persontableid
assessment         assessmenttableid         requesttableid
named-plan         namedplantableid          assessmenttableid
plan-detail        plandetailtableid (opt.)  namedplantableid
active-plans       activeplanstableid        requesttableid
placement-detail   placementdetailtableid    activeplanstableid
                   (optional)
sen-need           senneedtableid (opt.)     activeplanstableid
=================  ========================  ========================

Header. ``Collection``, ``Year``, ``ReferenceDate``, ``LEA`` and the other header
fields come from the first data row of ``header.csv`` when there is one; otherwise
from the same-named columns of the first data row of ``person.csv``.

Rejections (``ReturnRejected``): no person file, two files for one module, a file that
cannot be read or is not UTF-8 (a byte-order mark is fine), a missing id column, a
header that does not say SEN2 with a valid ReferenceDate and LEA.

Record problems, not rejections (``Return.problems``): a row whose parent id is blank
or matches no row of the parent file (the row and its children are not read), an id
used twice in one file (the later row is not read), a second assessment or active plan
for one request. Requests keep the order of their rows.

Locations read ``requests.csv line 5`` (line 1 is the column names); a field's
location adds ``, column ReceivedDate``. The whole export is read when
``read_sen2_csv`` is called (memory grows with the export, unlike the XML reader).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sendassure.ingest.readers.build import MODULES, attach, check_header
from sendassure.ingest.readers.fields import HEADER_FIELDS, MODULE_FIELDS, canonical_name
from sendassure.ingest.records import (
    Header,
    Person,
    ReadProblem,
    Record,
    Return,
    ReturnRejected,
)

# File-name key -> (element name, own id column, parent element, parent id column).
_LAYOUT: dict[str, tuple[str, str, str | None, str | None]] = {
    "placement-detail": ("PlacementDetail", "placementdetailtableid", "ActivePlans",
                         "activeplanstableid"),
    "plan-detail": ("PlanDetail", "plandetailtableid", "NamedPlan", "namedplantableid"),
    "named-plan": ("NamedPlan", "namedplantableid", "Assessment", "assessmenttableid"),
    "active-plan": ("ActivePlans", "activeplanstableid", "Requests", "requesttableid"),
    "sen-need": ("SENneed", "senneedtableid", "ActivePlans", "activeplanstableid"),
    "assessment": ("Assessment", "assessmenttableid", "Requests", "requesttableid"),
    "request": ("Requests", "requesttableid", "Person", "persontableid"),
    "person": ("Person", "persontableid", None, None),
}  # fmt: skip
# Modules linked to their parents by id; any order works. A row whose parent is an
# orphan is attached to it and so drops out with it (only the orphan is reported).
_ATTACH_ORDER = ("request", "assessment", "named-plan", "plan-detail", "active-plan",
                 "placement-detail", "sen-need")  # fmt: skip
_LEAVES = {"plan-detail", "placement-detail", "sen-need"}  # own id optional
_ID_ALIASES = {"requeststableid": "requesttableid", "activeplantableid": "activeplanstableid"}


def _id_key(column: str) -> str:
    key = re.sub(r"[\s_\-]", "", column).lower()
    return _ID_ALIASES.get(key, key)


def _file_key(path: Path) -> str | None:
    stem = re.sub(r"[\s_]", "-", path.stem.lower())
    if "header" in stem:
        return "header"
    for key in _LAYOUT:
        if key in stem:
            return key
    return None


@dataclass(slots=True)
class _Row:
    record: Record
    own_id: str | None
    parent_id: str | None


def read_sen2_csv(paths: Sequence[Path]) -> Return:
    """Read a module-CSV SEN2 export (files, or a directory of them) into a Return."""
    reader = _CsvReader()
    files = reader.classify([Path(p) for p in paths])
    if "person" not in files:
        names = ", ".join(sorted(p.name for p in reader.all_files)) or "no CSV files"
        raise ReturnRejected(
            f"The SEN2 CSV export ({names}) has no person file: a file whose name contains "
            "'person' is required."
        )
    person_file = files["person"]
    header = reader.header(files.get("header") or person_file)
    check_header(header, (files.get("header") or person_file).name)
    persons = reader.link(files)
    return Return(
        file_name=person_file.name,
        file_format="csv",
        header=header,
        persons=iter(persons),
        variants=reader.variants,
        unknown_elements=reader.unknown,
        problems=reader.problems,
    )


class _CsvReader:
    def __init__(self) -> None:
        self.variants: set[str] = set()
        self.unknown: set[str] = set()
        self.problems: list[ReadProblem] = []
        self.all_files: list[Path] = []

    def classify(self, paths: list[Path]) -> dict[str, Path]:
        for path in paths:
            if path.is_dir():
                self.all_files.extend(
                    sorted(p for p in path.iterdir() if p.suffix.lower() == ".csv")
                )
            else:
                self.all_files.append(path)
        files: dict[str, Path] = {}
        for path in self.all_files:
            key = _file_key(path)
            if key is None:
                self.unknown.add(path.name)
                continue
            if key in files:
                raise ReturnRejected(
                    f"The SEN2 CSV export has two files for one module: {files[key].name} "
                    f"and {path.name}; send one file per module."
                )
            files[key] = path
        return files

    def _rows(self, path: Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except OSError as err:
            raise ReturnRejected(
                f"The file {path.name} could not be opened: {err.strerror or err}."
            ) from err
        except UnicodeDecodeError as err:
            raise ReturnRejected(
                f"The file {path.name} is not UTF-8 text (byte {err.start} cannot be "
                "read); export it again as UTF-8 CSV."
            ) from err
        try:
            reader = csv.reader(io.StringIO(text, newline=""))
            columns = next(reader, [])
            rows = [(reader.line_num, row) for row in reader if any(c.strip() for c in row)]
        except csv.Error as err:
            raise ReturnRejected(
                f"The file {path.name} is not a readable CSV file: {err}."
            ) from err
        return [c.strip() for c in columns], rows

    def header(self, path: Path) -> Header:
        columns, rows = self._rows(path)
        header = Header(location=f"{path.name} line {rows[0][0] if rows else 2}")
        first = rows[0][1] if rows else []
        for index, column in enumerate(columns):
            name = canonical_name(column)
            if name in HEADER_FIELDS:
                self._note_variant(column, name)
                text = first[index].strip() if index < len(first) else ""
                header.fields.setdefault(name, text or None)
        return header

    def _note_variant(self, column: str, name: str) -> None:
        if column != name:
            self.variants.add(column)

    def _module_rows(self, key: str, path: Path) -> list[_Row]:
        element, own_column, _, parent_column = _LAYOUT[key]
        module, cls = MODULES[element]
        columns, rows = self._rows(path)
        ids = {_id_key(c): i for i, c in enumerate(columns)}
        needed = [parent_column] if parent_column else []
        if key not in _LEAVES:
            needed.append(own_column)
        for column in needed:
            if column not in ids:
                raise ReturnRejected(
                    f"The file {path.name} has no {column} column, so its rows cannot be "
                    "linked to the rest of the return."
                )
        fields: dict[int, str] = {}
        for index, column in enumerate(columns):
            if _id_key(column).endswith("tableid"):
                continue
            name = canonical_name(column)
            if name in MODULE_FIELDS[module]:
                self._note_variant(column, name)
                fields[index] = name
            elif not (key == "person" and name in HEADER_FIELDS):
                self.unknown.add(column)

        def cell(row: list[str], index: int | None) -> str | None:
            if index is None or index >= len(row):
                return None
            return row[index].strip() or None

        out = []
        for line, row in rows:
            record = cls(location=f"{path.name} line {line}")
            for index, name in fields.items():
                record.fields.setdefault(name, cell(row, index))
            own = cell(row, ids.get(own_column))
            parent = cell(row, ids.get(parent_column)) if parent_column else None
            out.append(_Row(record, own, parent))
        return out

    def link(self, files: dict[str, Path]) -> list[Person]:
        tables = {
            key: self._module_rows(key, path) for key, path in files.items() if key != "header"
        }
        by_id: dict[str, dict[str, Record]] = {}
        for key, rows in tables.items():
            element, own_column, _, _ = _LAYOUT[key]
            index: dict[str, Record] = {}
            kept = []
            for row in rows:
                if row.own_id is not None and row.own_id in index:
                    self.problems.append(
                        ReadProblem(
                            row.record.location, own_column, row.own_id,
                            f"{own_column} {row.own_id} is used by an earlier row "
                            f"({index[row.own_id].location}); this row was not read.",
                        )
                    )  # fmt: skip
                    continue
                if row.own_id is not None:
                    index[row.own_id] = row.record
                kept.append(row)
            tables[key] = kept
            by_id[element] = index
        for key in _ATTACH_ORDER:
            _, _, parent_element, parent_column = _LAYOUT[key]
            assert parent_element is not None and parent_column is not None
            parents = by_id.get(parent_element, {})
            parent_file = files.get(next(k for k, v in _LAYOUT.items() if v[0] == parent_element))
            for row in tables.get(key, []):
                parent = parents.get(row.parent_id) if row.parent_id is not None else None
                if parent is None:
                    where = parent_file.name if parent_file else f"a {parent_element} file"
                    said = (
                        f"{parent_column} {row.parent_id}"
                        if row.parent_id
                        else f"a blank {parent_column}"
                    )
                    self.problems.append(
                        ReadProblem(
                            row.record.location, parent_column, row.parent_id,
                            f"The row has {said}, which matches no row of {where}; "
                            "it was not read.",
                        )
                    )  # fmt: skip
                elif not attach(parent, row.record):
                    self.problems.append(
                        ReadProblem(
                            row.record.location, parent_column, row.parent_id,
                            f"{parent_column} {row.parent_id} already has one "
                            f"{_LAYOUT[key][0]}; this row was not read.",
                        )
                    )  # fmt: skip
        return [row.record for row in tables["person"]]  # type: ignore[misc]
