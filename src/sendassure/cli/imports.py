"""``sendassure import sen2``: load SEN2 returns through the validating importer."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from .django_setup import ensure_database
from .report import print_report

app = typer.Typer(help="Import data files.", no_args_is_help=True)
console = Console()


def _groups(paths: list[Path]) -> list[list[Path]]:
    """Each XML file is a return; module CSV files (or a folder of them) make one return."""
    xml = [[p] for p in paths if p.suffix.lower() == ".xml"]
    other = [p for p in paths if p.suffix.lower() != ".xml"]
    return xml + ([other] if other else [])


def print_summary(report) -> None:
    print_report(report, console)


@app.command("sen2")
def sen2(
    paths: list[Path] = typer.Argument(..., help="SEN2 XML files, or the module CSV files of "
                                       "one return (or a folder of them)."),
    report_json: Path = typer.Option(None, "--report-json", help="Write the full report as JSON."),
    report_xlsx: Path = typer.Option(None, "--report-xlsx", help="Write the full report as XLSX."),
    strict: bool = typer.Option(False, "--strict", help="Reject a file on any error."),
) -> None:
    """Import SEN2 returns: exit 0 when stored (even with records quarantined), 1 when
    a file is rejected."""
    missing = [p for p in paths if not p.exists()]
    if missing:
        console.print(f"[red]No such file: {missing[0]}[/red]")
        raise typer.Exit(2)
    ensure_database()
    from sendassure.ingest.importer import import_sen2

    reports = []
    for group in _groups(paths):
        name = ", ".join(p.name for p in group)
        with Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                      TextColumn("persons"), TimeElapsedColumn(), console=console,
                      transient=True) as bar:
            task = bar.add_task(f"Importing {name}", total=None)

            def progress(done, total, task=task, bar=bar):
                bar.update(task, completed=done, total=total)

            report = import_sen2(group, strict=strict, progress=progress)
        print_summary(report)
        reports.append(report)
    if report_json:
        if len(reports) == 1:
            reports[0].write_json(report_json)
        else:
            import json

            report_json.write_text(json.dumps([r.as_json() for r in reports], indent=2) + "\n")
        console.print(f"Report written to {report_json}")
    if report_xlsx:
        reports[0].write_xlsx(report_xlsx)
        for extra in reports[1:]:
            extra.write_xlsx(report_xlsx.with_name(f"{report_xlsx.stem}-{extra.file}.xlsx"))
        console.print(f"Report written to {report_xlsx}")
    if any(r.status == "rejected" for r in reports):
        raise typer.Exit(1)
