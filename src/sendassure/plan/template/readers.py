"""Read a template file (XLSX or YAML) into raw records: sheet -> rows of cell values,
each with its location for error messages. No type checking here (see ``validate``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .columns import BY_KEY, BY_NAME, SHEETS, Sheet
from .errors import TemplateError


@dataclass(frozen=True)
class Location:
    """Where a record is: an XLSX sheet and row, or a YAML path and line."""

    sheet: Sheet
    row: int  # XLSX: spreadsheet row number; YAML: index in the list (0-based)
    line: int | None = None  # YAML only: the record's first line
    yaml: bool = False
    key_lines: tuple[tuple[str, int], ...] = ()  # YAML only: line of each key

    def at(self, column: str | None = None) -> str:
        if self.yaml:
            path = self.sheet.key if self.sheet.single else f"{self.sheet.key}[{self.row}]"
            line = dict(self.key_lines).get(column, self.line) if column else self.line
            if column:
                path += f".{column}"
            return path + (f" (line {line})" if line else "")
        where = f"sheet {self.sheet.name}, row {self.row}"
        return where + (f", column {column}" if column else "")


@dataclass
class RawRecord:
    location: Location
    values: dict[str, Any]


@dataclass
class RawTemplate:
    records: dict[str, list[RawRecord]] = field(default_factory=dict)  # by sheet name
    missing_columns: dict[str, set[str]] = field(default_factory=dict)
    errors: list[TemplateError] = field(default_factory=list)


def read(path: Path) -> RawTemplate:
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return read_xlsx(path)
    if suffix in (".yaml", ".yml"):
        return read_yaml(path)
    raise ValueError(f"{path.name}: not a .xlsx or .yaml file")


# --- XLSX ------------------------------------------------------------------------------

def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def read_xlsx(path: Path) -> RawTemplate:
    from openpyxl import load_workbook

    raw = RawTemplate()
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 - any unreadable workbook
        raw.errors.append(TemplateError(path.name, None, "not a readable XLSX workbook: "
                                        f"{error}", show_value=False))
        return raw
    try:
        for sheet in SHEETS:
            raw.records[sheet.name] = []
            if sheet.name not in book.sheetnames:
                if sheet.single:
                    raw.errors.append(TemplateError(f"sheet {sheet.name}", None,
                                                    "sheet missing", show_value=False))
                continue
            rows = book[sheet.name].iter_rows(values_only=True)
            header = next(rows, None) or ()
            names = _header(sheet, header, raw)
            for number, row in enumerate(rows, start=2):
                cells = {n: v for n, v in zip(names, row, strict=False) if n is not None}
                if all(_blank(v) for v in cells.values()):
                    continue
                raw.records[sheet.name].append(RawRecord(Location(sheet, number), cells))
    finally:
        book.close()
    return raw


def _header(sheet: Sheet, header: tuple, raw: RawTemplate) -> list[str | None]:
    names: list[str | None] = []
    seen: set[str] = set()
    for index, cell in enumerate(header):
        name = str(cell).strip() if not _blank(cell) else None
        where = f"sheet {sheet.name}, row 1, column {_letter(index)}"
        if name is not None and name not in sheet.names:
            raw.errors.append(TemplateError(where, name, "unknown column; the columns are "
                                            + ", ".join(sheet.names)))
            name = None
        elif name is not None and name in seen:
            raw.errors.append(TemplateError(where, name, "duplicate column"))
            name = None
        if name:
            seen.add(name)
        names.append(name)
    missing = {c.name for c in sheet.columns if c.required and c.name not in seen}
    for name in sorted(missing, key=sheet.names.index):
        raw.errors.append(TemplateError(f"sheet {sheet.name}, row 1, column {name}", None,
                                        "missing required column", show_value=False))
    raw.missing_columns[sheet.name] = missing
    return names


def _letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


# --- YAML ------------------------------------------------------------------------------

LINE = "__line__"


class _LineLoader(yaml.SafeLoader):
    """Safe loader that remembers the line of every mapping."""

    def construct_mapping(self, node, deep=False):
        mapping = super().construct_mapping(node, deep=deep)
        lines = {"": node.start_mark.line + 1}
        for key_node, _ in node.value:
            lines[str(key_node.value)] = key_node.start_mark.line + 1
        mapping[LINE] = lines
        return mapping


def read_yaml(path: Path) -> RawTemplate:
    raw = RawTemplate()
    try:
        document = yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)  # noqa: S506
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raw.errors.append(TemplateError(path.name, None, f"not readable YAML: {error}",
                                        show_value=False))
        return raw
    if not isinstance(document, dict):
        raw.errors.append(TemplateError(path.name, None, "the document must be a mapping with "
                                        "the keys " + ", ".join(s.key for s in SHEETS),
                                        show_value=False))
        return raw
    document.pop(LINE, None)
    for key in document:
        if key not in BY_KEY:
            raw.errors.append(TemplateError(str(key), None, "unknown key; the keys are "
                                            + ", ".join(s.key for s in SHEETS),
                                            show_value=False))
    for sheet in SHEETS:
        raw.records[sheet.name] = []
        raw.missing_columns[sheet.name] = set()
        value = document.get(sheet.key)
        if value is None:
            if sheet.single:
                raw.errors.append(TemplateError(sheet.key, None, "missing", show_value=False))
            continue
        items = [value] if sheet.single else value
        if (sheet.single and not isinstance(value, dict)) or (
                not sheet.single and not isinstance(value, list)):
            raw.errors.append(TemplateError(sheet.key, value, "must be a mapping"
                                            if sheet.single else "must be a list of mappings"))
            continue
        for index, item in enumerate(items):
            if not isinstance(item, dict):
                location = Location(sheet, index, None, yaml=True)
                raw.errors.append(TemplateError(location.at(), item, "must be a mapping"))
                continue
            lines = item.pop(LINE, {})
            location = Location(sheet, index, lines.get(""), yaml=True,
                                key_lines=tuple(lines.items()))
            for name in list(item):
                if name not in sheet.names:
                    raw.errors.append(TemplateError(location.at(str(name)), item.pop(name),
                                                    "unknown key; the keys are "
                                                    + ", ".join(sheet.names)))
            raw.records[sheet.name].append(RawRecord(location, item))
    return raw


__all__ = ["BY_NAME", "Location", "RawRecord", "RawTemplate", "read"]
