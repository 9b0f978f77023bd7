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
                              "(YYYY-MM-DD; default: the data's end, the latest return's "
                              "reference date)."),
    area: list[str] = typer.Option([], "--area", help="LA code (repeatable); default: every "
                                   "area in the database together."),
    breakdown: str = typer.Option("", "--breakdown", help="One group, dimension=value (e.g. "
                                  "sex=Male); sections that cannot be broken down that way "
                                  "print null."),
    output: str = typer.Option("json", "--format", help="json, table or csv."),
    withheld: bool = typer.Option(False, "--withheld", help="Also say, for each section, "
                                  "how many records validation problems hold back and why "
                                  "(JSON: a top-level \"withheld\" object)."),
) -> None:
    """The statutory EHC measures (docs/measures.md) under DfE's output names, from the
    figures service: flows for the calendar year, stocks at its 31 December (or at the
    as-of date, if earlier)."""
    if output not in FORMATS:
        raise typer.BadParameter(f"choose one of {', '.join(FORMATS)}", param_hint="--format")
    if not 2000 <= year <= 2100:
        raise typer.BadParameter(f"{year} is not a plausible year", param_hint="--year")
    day = _date(as_of, "--as-of")
    areas = _areas(area)
    ensure_database()
    from sendassure.figures.registry import statutory_sections
    from sendassure.figures.service import FigureError, areas_with_data, figures_for, plain
    from sendassure.kpis.periods import calendar_year

    figures = figures_for(areas or areas_with_data(), day)
    period = calendar_year(year)
    result, notes = {}, list(figures.notes)
    for family in statutory_sections():
        try:
            found = figures.family(family.name, period, breakdown)
        except FigureError as error:
            if not breakdown or "broken down" not in str(error):
                raise typer.BadParameter(str(error), param_hint="--breakdown") from error
            notes.append(f"{family.name}: {error}")
            result[family.name] = {m.name: None for m in family.measures}
            continue
        result[family.name] = {name: plain(f.value) for name, f in found.items()}
        note = next(iter(found.values())).note
        if note and note not in notes:
            notes.append(note)
    held = {family.name: figures.withheld(family.name) for family in statutory_sections()} \
        if withheld else {}
    if output == "json":
        if withheld:
            result = {**result, "withheld": {k: v.as_json() for k, v in held.items()}}
        print(json.dumps(result, indent=2))
    elif output == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(["section", "name", "value"])
        for section, values in result.items():
            for name, value in values.items():
                writer.writerow([section, name, "" if value is None else value])
        for section, found in held.items():
            for name, value in found.as_json().items():
                if not isinstance(value, dict):
                    writer.writerow([section, f"withheld_{name}", value])
    else:
        where = ", ".join(figures.areas) or "no area"
        console.print(figures.currency.describe())
        for note in notes:
            console.print(f"Note: {note}")
        for section, values in result.items():
            table = Table(title=f"{section} ({year}, as known on {figures.as_of}, {where})")
            table.add_column("name")
            table.add_column("value", justify="right")
            for name, value in values.items():
                table.add_row(name, "no value" if value is None else str(value))
            console.print(table)
            for line in held[section].sentences() if section in held else ():
                console.print(f"Held back from {section}: {line}")


def worklist(
    as_of: str = typer.Option(None, "--as-of", help="Open cases as at this date "
                              "(YYYY-MM-DD; default: the data's end)."),
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
    from sendassure.casework.worklist import WorklistRefused, worklist_for_user
    from sendassure.figures.inputs import case_frames
    from sendassure.figures.service import areas_with_data, figures_for

    try:
        day, rows = worklist_for_user(
            user, areas, day, lambda chosen: case_frames(chosen or areas_with_data()),
            lambda chosen: figures_for(chosen or areas_with_data()).currency.data_to)
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
