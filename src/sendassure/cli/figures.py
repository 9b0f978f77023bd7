"""``sendassure figures rebuild``: recompute the fact table from the stored records."""

from __future__ import annotations

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from .django_setup import ensure_database

app = typer.Typer(help="The figures every page, pack and the API read.", no_args_is_help=True)
console = Console()


@app.command("rebuild")
def rebuild(
    area: list[str] = typer.Option([], "--area", help="LA code (repeatable); default: every "
                                   "area with data."),
) -> None:
    """Recompute every area's stored figures (the fact table), each area in one
    transaction. Running it again with nothing changed stores the same figures."""
    bad = [a for a in area if not (len(a) == 3 and a.isdigit())]
    if bad:
        raise typer.BadParameter(f"{bad[0]!r} is not a 3-digit LA code", param_hint="--area")
    ensure_database()
    from sendassure.figures.facts import rebuild as run

    with Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TextColumn("families"), console=console, transient=True) as bar:
        tasks: dict[str, int] = {}

        def progress(la: str, done: int, total: int) -> None:
            if la not in tasks:
                tasks[la] = bar.add_task(f"Area {la}", total=total)
            bar.update(tasks[la], completed=done)

        done = run(area or None, progress)
    for la, rows in done.items():
        console.print(f"Area {la}: {rows} figures stored")
    if not done:
        console.print("There is no area with data: nothing to rebuild.")
