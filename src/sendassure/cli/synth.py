"""``sendassure synth``: write seeded synthetic SEN2 returns."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

console = Console()


def _years(text: str) -> list[int]:
    try:
        if "-" in text:
            first, last = (int(part) for part in text.split("-", 1))
            years = list(range(first, last + 1))
        else:
            years = [int(text)]
    except ValueError as error:
        raise typer.BadParameter(f"{text!r} is not a year or a range like 2020-2024") from error
    if not years or not all(2015 <= y <= 2035 for y in years):
        raise typer.BadParameter(f"{text!r}: years must run forwards between 2015 and 2035")
    return years


def synth(
    la: str = typer.Option(None, "--la", help="3-digit LA code (e.g. 886). With --scale "
                           "england and no --la, all 153 authorities."),
    years: str = typer.Option("2020-2024", "--years", help="Calendar years, e.g. 2020-2024."),
    scale: str = typer.Option("kent", "--scale", help="kent (a Kent-sized county) or england "
                              "(each authority at its published size)."),
    seed: int = typer.Option(2024, "--seed", help="Random seed: the same seed, the same files."),
    out: Path = typer.Option(Path("var/synth"), "--out", help="Folder to write the returns to."),
    errors: bool = typer.Option(True, "--errors/--no-errors",
                                help="Plant a handful of deliberate errors."),
) -> None:
    """Write synthetic SEN2 XML returns (one per year), establishments.csv and a manifest."""
    from sendassure.synth import generate_area, generate_england

    year_list = _years(years)
    if scale not in ("kent", "england"):
        raise typer.BadParameter("--scale must be kent or england")
    if la is not None and not (len(la) == 3 and la.isdigit()):
        raise typer.BadParameter(f"--la {la!r} is not a 3-digit LA code")
    out.mkdir(parents=True, exist_ok=True)
    with Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TextColumn("files"), TimeElapsedColumn(), console=console) as bar:
        task = bar.add_task("Generating", total=None)

        def progress(done, total):
            bar.update(task, completed=done, total=total)

        if scale == "england" and la is None:
            files = generate_england(year_list, seed, out, progress=progress, errors=errors)
        else:
            files = generate_area(la or "886", year_list, scale, seed, out, errors=errors,
                                  progress=progress)
    console.print(f"Wrote {len(files)} return(s) to {out}")
