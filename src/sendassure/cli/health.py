"""``sendassure health``: load NHS England community health services sitreps and print
an organisation's waits by service for a month."""

from __future__ import annotations

import csv
import json
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from .django_setup import ensure_database

console = Console()
FORMATS = ("json", "table", "csv")
app = typer.Typer(help="Health waits: NHS community health services sitreps.",
                  no_args_is_help=True)


@app.command("load-sitrep")
def load_sitrep(
    paths: list[Path] = typer.Argument(..., help="CHS sitrep workbooks (.xlsx) as NHS "
                                       "England publishes them."),
) -> None:
    """Load sitrep editions: the month from the tables' titles, every organisation level,
    '*' and blanks kept as different kinds of missing. Loading a file again changes
    nothing; a newer edition of a month replaces the one held. Exit 1 if a file is not
    a sitrep."""
    missing = [p for p in paths if not p.is_file()]
    if missing:
        console.print(f"[red]No such file: {missing[0]}[/red]")
        raise typer.Exit(2)
    ensure_database()
    from sendassure.health.sitrep import NotASitrep
    from sendassure.health.store import load_sitrep as load

    refused = False
    for path in paths:
        with Progress(TextColumn("[bold]{task.description}"), BarColumn(),
                      MofNCompleteColumn(), TextColumn("tables"), TimeElapsedColumn(),
                      console=console, transient=True) as bar:
            task = bar.add_task(f"Reading {path.name}", total=None)

            def progress(done, total, task=task, bar=bar):
                bar.update(task, completed=done, total=total)

            try:
                loaded = load(path, progress)
            except NotASitrep as error:
                loaded, refused = None, True
                console.print(f"[bold red]{path.name}: refused: {error}[/]", highlight=False,
                              soft_wrap=True)
        if loaded:
            console.print(str(loaded), highlight=False)
    if refused:
        raise typer.Exit(1)


def _month(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        year, month = text.split("-")
        return date(int(year), int(month), 1)
    except ValueError:
        raise typer.BadParameter(f"{text!r} is not YYYY-MM", param_hint="--month") from None


def _plain(value):
    return float(value) if isinstance(value, Decimal) else value


@app.command("waits")
def waits(
    org: str = typer.Option(..., "--org", help="An ICB or region ODS code (e.g. QKS, Y59), "
                            "'england', or a provider's code (or published name where "
                            "its table gives no code)."),
    month: str = typer.Option(None, "--month", help="YYYY-MM (default: the latest held)."),
    output: str = typer.Option("json", "--format", help="json, table or csv."),
) -> None:
    """An organisation's waiting list by service: each published wait band, over 52 and
    over 18 weeks, and % over 18 weeks; missing values are null."""
    if output not in FORMATS:
        raise typer.BadParameter(f"choose one of {', '.join(FORMATS)}", param_hint="--format")
    wanted = _month(month)
    ensure_database()
    from sendassure.health.waits import NoWaits
    from sendassure.health.waits import waits as find

    try:
        found = find(org, wanted)
    except NoWaits as error:
        console.print(f"[red]{error}[/red]")
        raise typer.Exit(1) from None
    services = {name: {k: _plain(v) for k, v in row.items()}
                for name, row in found["services"].items()}
    if output == "json":
        sys.stdout.write(json.dumps({**found, "services": services}, indent=2) + "\n")
        return
    columns = list(next(iter(services.values())))
    if output == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(["org", "org_name", "month", "service", *columns])
        for name, row in services.items():
            writer.writerow([found["org"], found["org_name"], found["month"], name,
                             *("" if row[c] is None else row[c] for c in columns)])
        return
    table = Table(title=f"{found['org_name']} ({found['org']}): waits, {found['month']}")
    table.add_column("service")
    for column in columns:
        table.add_column(column, justify="right")
    for name, row in services.items():
        table.add_row(name, *("" if row[c] is None else f"{row[c]:,}" if isinstance(row[c], int)
                              else str(row[c]) for c in columns))
    console.print(table)


@app.command("compact-sitrep")
def compact_sitrep(
    paths: list[Path] = typer.Argument(..., help="CHS sitrep workbooks as published."),
    out: Path = typer.Option(..., "--out", help="Folder for the compact copies."),
) -> None:
    """Write a compact copy of each edition (England, regions, ICBs; no providers) that
    load-sitrep reads like the original: the demo's shipped sitreps are made this way."""
    from sendassure.health.compact import write_compact
    from sendassure.health.sitrep import NotASitrep, read_sitrep

    out.mkdir(parents=True, exist_ok=True)
    for path in paths:
        try:
            sitrep = read_sitrep(path)
        except NotASitrep as error:
            console.print(f"[bold red]{path.name}: refused: {error}[/]", highlight=False)
            raise typer.Exit(1) from None
        target = write_compact(sitrep, out / f"chs_sitrep_{sitrep.month:%Y-%m}.xlsx")
        console.print(f"{path.name}: {sitrep.month:%B %Y} -> {target}", highlight=False)
