"""``sendassure kpis`` and ``sendassure worklist``: the statutory measures and the casework
worklist from the imported records. Output contract documented in the README."""

from __future__ import annotations

import csv
import json
import sys
from datetime import date

import typer
from rich.console import Console
from rich.table import Table

from .django_setup import ensure_database

console = Console()
FORMATS = ("json", "table", "csv")


def _date(text: str | None, option: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise typer.BadParameter(f"{text!r} is not a date like 2024-12-31", param_hint=option) from error


def _areas(areas: list[str]) -> list[str] | None:
    bad = [a for a in areas if not (len(a) == 3 and a.isdigit())]
    if bad:
        raise typer.BadParameter(f"{bad[0]!r} is not a 3-digit LA code", param_hint="--area")
    return sorted(set(areas)) or None


def kpis(
    year: int = typer.Option(..., "--year", help="Calendar year of requests and plans issued."),
    as_of: str = typer.Option(None, "--as-of", help="Answer as known on this date "
                              "(YYYY-MM-DD; default 31 December of --year)."),
    area: list[str] = typer.Option([], "--area", help="LA code (repeatable); default: every "
                                   "area in the database together."),
    output: str = typer.Option("json", "--format", help="json, table or csv."),
) -> None:
    """The statutory EHC measures (kpis.md sections 1.1-1.7) under DfE's output names."""
    if output not in FORMATS:
        raise typer.BadParameter(f"choose one of {', '.join(FORMATS)}", param_hint="--format")
    if not 2000 <= year <= 2100:
        raise typer.BadParameter(f"{year} is not a plausible year", param_hint="--year")
    day = _date(as_of, "--as-of") or date(year, 12, 31)
    areas = _areas(area)
    ensure_database()
    from sendassure.casework.measures import case_frames, plain, statutory_measures

    result = statutory_measures(case_frames(areas), year, day)
    result = {s: {k: plain(v) for k, v in values.items()} for s, values in result.items()}
    if output == "json":
        print(json.dumps(result, indent=2))
    elif output == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(["section", "name", "value"])
        for section, values in result.items():
            for name, value in values.items():
                writer.writerow([section, name, "" if value is None else value])
    else:
        where = ", ".join(areas) if areas else "all areas"
        for section, values in result.items():
            table = Table(title=f"{section} ({year}, as of {day}, {where})")
            table.add_column("name")
            table.add_column("value", justify="right")
            for name, value in values.items():
                table.add_row(name, "no value" if value is None else str(value))
            console.print(table)


def worklist(
    as_of: str = typer.Option(..., "--as-of", help="Open cases as at this date (YYYY-MM-DD)."),
    area: list[str] = typer.Option([], "--area", help="LA code (repeatable)."),
    output: str = typer.Option("table", "--format", help="table or csv."),
    user: str = typer.Option(None, "--user", envvar="SENDASSURE_USER",
                             help="Your user name (casework or analyst role): the export is "
                                  "audited under it."),
) -> None:
    """Open EHC needs assessments, oldest first, with their stage, age and deadline flags.
    Child-level data: needs a casework or analyst account, and every run is audited."""
    if output not in ("table", "csv"):
        raise typer.BadParameter("choose table or csv", param_hint="--format")
    day = _date(as_of, "--as-of")
    areas = _areas(area)
    ensure_database()
    from sendassure.casework.measures import case_frames
    from sendassure.casework.worklist import WorklistRefused, worklist_for_user

    try:
        rows = worklist_for_user(user, areas, day, case_frames)
    except WorklistRefused as error:
        console.print(f"[red]{error}[/red]")
        raise typer.Exit(2) from error
    columns = list(rows.columns)
    if output == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        for row in rows.iter_rows():
            writer.writerow(["" if v is None else v for v in row])
        return
    table = Table(title=f"Open cases as at {day} ({rows.height})")
    for column in columns:
        table.add_column(column)
    for row in rows.iter_rows():
        table.add_row(*["" if v is None else str(v) for v in row])
    console.print(table)
