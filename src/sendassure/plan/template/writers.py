"""Write template records to YAML or XLSX (the same layout the readers accept), and the
blank template with its README sheet."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from .columns import SHEETS, readme_rows

YAML_HEADER = (
    "# sendassure improvement plan template (YAML form).\n"
    "# One key per sheet of the XLSX form; each record a mapping of column: value.\n"
    "# Columns and rules: src/sendassure/plan/data/plan-template.md\n"
)


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data) -> bool:  # no &anchors: every value written in place
        return True


def _text(dumper, value: str):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _decimal(dumper, value: Decimal):
    return dumper.represent_float(float(value))


_Dumper.add_representer(str, _text)
_Dumper.add_representer(Decimal, _decimal)


def _clean(record: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in record.items() if v is not None}


def yaml_text(records: dict[str, list[dict[str, Any]]]) -> str:
    document: dict[str, Any] = {}
    for sheet in SHEETS:
        rows = [_clean(r) for r in records.get(sheet.name, [])]
        if sheet.single:
            document[sheet.key] = rows[0] if rows else {}
        else:
            document[sheet.key] = rows
    body = yaml.dump(document, Dumper=_Dumper, sort_keys=False, allow_unicode=True,
                     width=88, default_flow_style=False)
    return YAML_HEADER + body


def write_yaml(records, path: Path) -> None:
    Path(path).write_text(yaml_text(records), encoding="utf-8")


def write_xlsx(records, path: Path | None, readme: bool = True) -> None:
    """One sheet per template sheet (header row, one row per record), dates as real dates,
    plus a README sheet explaining every column."""
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False,
                                           "strings_to_formulas": False,
                                           "strings_to_urls": False})
    book.set_properties({"title": "sendassure improvement plan"})
    bold = book.add_format({"bold": True, "bg_color": "#DDDDDD", "border": 1})
    day = book.add_format({"num_format": "yyyy-mm-dd"})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    as_text = book.add_format({"num_format": "@"})  # keys typed in Excel stay text (6.10)
    if readme:
        _readme(book, bold, wrap)
    for sheet in SHEETS:
        ws = book.add_worksheet(sheet.name)
        ws.freeze_panes(1, 0)
        for col, column in enumerate(sheet.columns):
            ws.write_string(0, col, column.name, bold)
            width = 12 if column.kind in ("date", "int", "decimal", "choice") else 30
            keyed = column.name in ("reference", "action", "measure")
            ws.set_column(col, col, max(width, len(column.name) + 2), as_text if keyed else None)
            if column.choices:
                ws.data_validation(1, col, 1000, col, {
                    "validate": "list", "source": [code for code, _ in column.choices],
                    "error_type": "warning"})
        for row, record in enumerate(records.get(sheet.name, []), start=1):
            for col, column in enumerate(sheet.columns):
                _cell(ws, row, col, record.get(column.name), column.kind, day)
    book.close()


def _cell(ws, row: int, col: int, value: Any, kind: str, day) -> None:
    if value is None:
        return
    if isinstance(value, date):
        ws.write_datetime(row, col, value, day)
    elif isinstance(value, bool):
        ws.write_string(row, col, str(value))
    elif isinstance(value, int | Decimal | float):
        ws.write_number(row, col, float(value))
    elif isinstance(value, list):
        ws.write_string(row, col, ", ".join(value))
    else:
        ws.write_string(row, col, str(value))


def _readme(book, bold, wrap) -> None:
    ws = book.add_worksheet("README")
    ws.write_string(0, 0, "sendassure improvement plan template", bold)
    ws.write_string(1, 0, "Fill one row per record on each sheet, under its header row. "
                    "Dates: real dates or text like 2024-05-15. Codes: as listed (labels "
                    "are accepted too). Import: sendassure plan import FILE.xlsx. "
                    "This sheet is not read.")
    headers = ("sheet", "column", "required", "format", "meaning")
    for col, name in enumerate(headers):
        ws.write_string(3, col, name, bold)
    for row, values in enumerate(readme_rows(), start=4):
        for col, value in enumerate(values):
            ws.write_string(row, col, value, bold if not values[1] else wrap)
    for col, width in enumerate((20, 28, 9, 36, 90)):
        ws.set_column(col, col, width)


def write_blank(path: Path) -> None:
    write_xlsx({}, path)


def markdown() -> str:
    """The template's documentation (``plan-template.md``)."""
    lines = [
        "# The improvement plan template",
        "",
        "`sendassure plan import FILE.xlsx|FILE.yaml` loads a plan; `sendassure plan export "
        "[--plan ID | --la CODE] --out FILE.xlsx|FILE.yaml` writes one in the same form. "
        "A round trip changes nothing. The blank workbook is `plan-template.xlsx` (its "
        "README sheet repeats this page); a filled example is `kent-example.yaml`.",
        "",
        "- XLSX: one sheet per table below, a header row of column names (any order; "
        "unknown columns are errors), one row per record; blank rows are skipped; dates "
        "as real Excel dates or ISO text `YYYY-MM-DD`.",
        "- YAML: one key per table (`plan` is a mapping, the others lists of mappings), "
        "each record `column: value`; empty values may be left out.",
        "- A plan is identified by (`la`, `title`): importing a plan that exists replaces "
        "its content (records matched by their natural keys keep their identity, so "
        "evidence-library links survive; records not in the file are removed). Evidence "
        "files are not in the template; evidence requests are.",
        "- Every error is reported, naming the sheet, row and column (YAML: the path and "
        "line), the value and the rule; nothing is stored unless the file has no error. "
        "Exit status: 0 stored, 1 invalid template, 2 usage error.",
        "",
    ]
    current = None
    for sheet, column, required, fmt, meaning in readme_rows():
        if not column:
            key = next(s.key for s in SHEETS if s.name == sheet)
            lines += ["", f"## {sheet} (YAML `{key}`)", "", meaning, "",
                      "| column | required | format | meaning |", "|---|---|---|---|"]
            current = sheet
            continue
        assert current == sheet
        lines.append(f"| `{column}` | {required} | {fmt} | {meaning} |")
    return "\n".join(lines).replace("\n\n\n", "\n\n") + "\n"
