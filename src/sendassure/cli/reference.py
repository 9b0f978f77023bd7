"""``sendassure benchmarks load`` and ``sendassure establishments load``: reference data."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console

from .django_setup import ensure_database

console = Console()
benchmarks_app = typer.Typer(help="DfE open-data benchmarks.", no_args_is_help=True)
establishments_app = typer.Typer(help="The establishments register (GIAS).", no_args_is_help=True)


@benchmarks_app.command("load")
def load_benchmarks(
    paths: list[Path] = typer.Argument(None, help="Explore Education Statistics CSV files "
                                       "(.csv or .csv.gz). Default: the compact extract "
                                       "shipped with sendassure."),
) -> None:
    """Load DfE Explore Education Statistics CSV files (any measures; symbols such as x,
    z, c and low are kept as missing values with their reason)."""
    from sendassure.benchmarks.extract import EXTRACTS, shipped

    files = list(paths or [shipped(name) for name in EXTRACTS])
    missing = [p for p in files if not p.exists()]
    if missing:
        console.print(f"[red]No such file: {missing[0]}[/red]")
        raise typer.Exit(2)
    ensure_database()
    from sendassure.benchmarks.loading import load_benchmarks as load

    for path in files:
        with console.status(f"Loading {path.name}..."):
            try:
                count = load(path)
            except Exception as error:  # a file that is not an EES CSV
                console.print(f"[red]{path.name}: cannot be read as an EES CSV file ({error})[/red]")
                raise typer.Exit(1) from error
        console.print(f"Loaded {count} values from {path.name}")


@establishments_app.command("load")
def load_establishments(path: Path = typer.Argument(..., help="GIAS edubase CSV file.")) -> None:
    """Load a GIAS establishments CSV (URN, TypeOfEstablishment (name), ...) so placements
    can be counted as mainstream, special or other."""
    if not path.exists():
        console.print(f"[red]No such file: {path}[/red]")
        raise typer.Exit(2)
    ensure_database()
    from sendassure.casework.establishments import EstablishmentsError
    from sendassure.casework.establishments import load_establishments as load

    try:
        count = load(path)
    except EstablishmentsError as error:
        console.print(f"[red]{error}[/red]")
        raise typer.Exit(1) from error
    console.print(f"Loaded {count} establishments from {path.name}")
