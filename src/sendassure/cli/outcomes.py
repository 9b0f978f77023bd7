"""``sendassure outcomes``: published outcomes for children with SEND (attainment,
attendance, destinations, inclusion, finance, tribunals, inspection) for an LA beside its
region and England; ``sendassure outcomes load`` stores the published files."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from .django_setup import ensure_database

console = Console()
FORMATS = ("json", "table", "csv")
COLUMNS = ("period", "characteristic", "value", "numerator", "denominator", "region",
           "england")
app = typer.Typer(help="Published outcomes for children with SEND.", invoke_without_command=True)


@app.callback()
def outcomes(
    ctx: typer.Context,
    la: str = typer.Option(None, "--la", help="3-digit LA code, e.g. 886."),
    series: list[str] = typer.Option([], "--series", help="Series name (repeatable; "
                                      "docs/measures.md lists them); default: every series "
                                      "published for the LA."),
    output: str = typer.Option("json", "--format", help="json, table or csv."),
) -> None:
    """Print an LA's published outcome series, each value beside its region and England:
    {"la", "series": {NAME: [{"period", "characteristic", "value", "numerator",
    "denominator", "region", "england"}]}}."""
    if ctx.invoked_subcommand is not None:
        return
    if la is None:
        raise typer.BadParameter("give the LA, e.g. --la 886", param_hint="--la")
    if not (len(la) == 3 and la.isdigit()):
        raise typer.BadParameter(f"{la!r} is not a 3-digit LA code", param_hint="--la")
    if output not in FORMATS:
        raise typer.BadParameter(f"choose one of {', '.join(FORMATS)}", param_hint="--format")
    from sendassure.benchmarks.outcomes.series import SERIES

    unknown = [s for s in series if s not in SERIES]
    if unknown:
        raise typer.BadParameter(f"{unknown[0]!r} is not a series; choose from "
                                 f"{', '.join(SERIES)}", param_hint="--series")
    ensure_database()
    from sendassure.benchmarks.outcomes.queries import outcomes as query

    found = query(la, series or None)
    if output == "json":
        sys.stdout.write(json.dumps(found, indent=2) + "\n")
        return
    if output == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(("la", "series", *COLUMNS))
        for name, rows in found["series"].items():
            for row in rows:
                writer.writerow((la, name, *("" if row[c] is None else row[c] for c in COLUMNS)))
        return
    if not found["series"]:
        console.print(f"No published outcomes are held for LA {la}: run `sendassure "
                      f"outcomes load`.")
    for name, rows in found["series"].items():
        table = Table(title=f"{SERIES[name].label} ({name})")
        for column in COLUMNS:
            table.add_column(column, justify="left" if column in COLUMNS[:2] else "right")
        for row in rows:
            table.add_row(*("" if row[c] is None else f"{row[c]:,}" if isinstance(row[c], int)
                            else str(row[c]) for c in COLUMNS))
        console.print(table)


@app.command("load")
def load(
    paths: list[Path] = typer.Argument(None, help="Published files: DfE SEND dashboard or "
                                       "Explore Education Statistics CSVs, the SEND appeal "
                                       "rate table, the area SEND inspection overview (.csv or "
                                       ".csv.gz). Default: the extract shipped with sendassure."),
) -> None:
    """Store published outcome files. The layout is recognised from the columns; a file in
    none is refused with its reason and nothing is stored. Loading a file again changes
    nothing; a newer file replaces the same series, period and level."""
    missing = [p for p in paths or [] if not p.exists()]
    if missing:
        console.print(f"[red]No such file: {missing[0]}[/red]")
        raise typer.Exit(2)
    ensure_database()
    from sendassure.benchmarks.outcomes.layouts import LayoutError
    from sendassure.benchmarks.outcomes.loading import load_outcomes

    def said(loaded) -> None:
        state = "stored" if loaded.changed else "unchanged (already held)"
        console.print(f"{loaded.file}: {loaded.values:,} values, {state}: "
                      f"{', '.join(loaded.series)}")

    try:
        with console.status("Loading published outcomes..."):
            load_outcomes(paths or None, said)
    except LayoutError as error:
        console.print(f"[red]{error}[/red]")
        raise typer.Exit(1) from error
