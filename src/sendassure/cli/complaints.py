"""``sendassure complaints``: import complaints and print their summary."""

from __future__ import annotations

import csv
import json
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from .django_setup import ensure_database

console = Console()
FORMATS = ("json", "table", "csv")
app = typer.Typer(help="SEND complaints: stages 1 and 2 and the Ombudsman.",
                  no_args_is_help=True)


def _date(text: str, option: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise typer.BadParameter(f"{text!r} is not a date like 2024-12-31",
                                 param_hint=option) from None


@app.command("import")
def import_(path: Path = typer.Argument(..., help="A .csv or .xlsx file.")) -> None:
    """Import complaints: complaint_ref, la_code, received_on, stage (1, 2, ombudsman),
    themes (codes separated by ;), responded_on, outcome, and optionally remedies
    (apology, financial, service_improvement, decision_reconsidered, provision, other;
    separated by ;). Any bad row rejects the file, every problem listed; importing the
    same file again changes nothing."""
    if not path.is_file():
        raise typer.BadParameter(f"{path} is not a file", param_hint="PATH")
    ensure_database()
    from sendassure.voice.importing import ComplaintImportError, import_complaints

    try:
        result = import_complaints(path)
    except ComplaintImportError as error:
        console.print(f"[bold red]{error}[/]")
        for problem in error.problems:
            console.print(f"  {path.name}: {problem}", highlight=False, soft_wrap=True)
        raise typer.Exit(1) from None
    console.print(f"{path.name}: {result.added} complaint(s) added, {result.updated} "
                  f"updated, {result.unchanged} unchanged.")


@app.command("summary")
def summary(
    start: str = typer.Option(..., "--from", help="First day received (YYYY-MM-DD)."),
    end: str = typer.Option(..., "--to", help="Last day received (YYYY-MM-DD), inclusive."),
    area: list[str] = typer.Option([], "--area", help="LA code (repeatable); default: all."),
    output: str = typer.Option("json", "--format", help="json, table or csv."),
) -> None:
    """Received, responded, on time (working-day deadlines by stage), upheld and the top
    five themes of the complaints received in the period."""
    first, last = _date(start, "--from"), _date(end, "--to")
    if last < first:
        raise typer.BadParameter("--to is before --from", param_hint="--to")
    if output not in FORMATS:
        raise typer.BadParameter(f"choose one of {', '.join(FORMATS)}", param_hint="--format")
    bad = [a for a in area if not (len(a) == 3 and a.isdigit())]
    if bad:
        raise typer.BadParameter(f"{bad[0]!r} is not a 3-digit LA code", param_hint="--area")
    ensure_database()
    from sendassure.kpis.complaints import summary as summarise
    from sendassure.voice.queries import complaint_rows
    from sendassure.voice.themes import taxonomy

    found = summarise(complaint_rows(sorted(set(area)) or None), first, last,
                      taxonomy().deadlines)
    found = {k: float(v) if isinstance(v, Decimal) else v for k, v in found.items()}
    if output == "json":
        sys.stdout.write(json.dumps(found, indent=2) + "\n")
        return
    flat = {k: v for k, v in found.items() if k != "top_themes"}
    flat["top_themes"] = "; ".join(f"{t} {n}" for t, n in found["top_themes"])
    if output == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(flat)
        writer.writerow("" if v is None else v for v in flat.values())
        return
    table = Table(title=f"Complaints received {first:%d %b %Y} to {last:%d %b %Y}")
    table.add_column("measure")
    table.add_column("value", justify="right")
    for key, value in flat.items():
        table.add_row(key, "" if value is None else str(value))
    console.print(table)
