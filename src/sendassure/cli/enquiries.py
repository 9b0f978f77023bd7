"""``sendassure enquiries``: import the hub's enquiries and print their response
measures."""

from __future__ import annotations

import csv
import json
import sys
from decimal import Decimal
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from .complaints import _date
from .django_setup import ensure_database

console = Console()
FORMATS = ("json", "table", "csv")
app = typer.Typer(help="The enquiries hub: contacts, promised replies, escalations.",
                  no_args_is_help=True)


@app.command("import")
def import_(path: Path = typer.Argument(..., help="A .csv or .xlsx file.")) -> None:
    """Import enquiries: enquiry_ref, la_code, received_on, channel, category,
    replied_on, and optionally upn (the case it concerns; only the link is kept), summary
    (scrubbed of names and postcodes) and updated_on. Any bad row rejects the file, every
    problem listed; importing the same file again changes nothing."""
    if not path.is_file():
        raise typer.BadParameter(f"{path} is not a file", param_hint="PATH")
    ensure_database()
    from sendassure.enquiries.importing import EnquiryImportError, import_enquiries

    try:
        result = import_enquiries(path)
    except EnquiryImportError as error:
        console.print(f"[bold red]{error}[/]")
        for problem in error.problems:
            console.print(f"  {path.name}: {problem}", highlight=False, soft_wrap=True)
        raise typer.Exit(1) from None
    console.print(f"{path.name}: {result.added} enquiry(ies) added, {result.updated} "
                  f"updated, {result.unchanged} unchanged.")


def _plain(found: dict) -> dict:
    return {k: float(v) if isinstance(v, Decimal) else v for k, v in found.items()}


@app.command("summary")
def summary(
    start: str = typer.Option(..., "--from", help="First day received (YYYY-MM-DD)."),
    end: str = typer.Option(..., "--to", help="Last day received (YYYY-MM-DD), inclusive."),
    area: list[str] = typer.Option([], "--area", help="LA code (repeatable); default: all."),
    output: str = typer.Option("json", "--format", help="json, table or csv."),
) -> None:
    """Received, urgent, replied, on time (by the promised date), % on time, escalated
    and the median working days to a reply, overall and by urgency, channel and
    category, of the enquiries received in the period."""
    first, last = _date(start, "--from"), _date(end, "--to")
    if last < first:
        raise typer.BadParameter("--to is before --from", param_hint="--to")
    if output not in FORMATS:
        raise typer.BadParameter(f"choose one of {', '.join(FORMATS)}", param_hint="--format")
    bad = [a for a in area if not (len(a) == 3 and a.isdigit())]
    if bad:
        raise typer.BadParameter(f"{bad[0]!r} is not a 3-digit LA code", param_hint="--area")
    ensure_database()
    from sendassure.enquiries.queries import enquiry_rows
    from sendassure.kpis.enquiries import BY, summary_by
    from sendassure.kpis.enquiries import summary as summarise

    rows = enquiry_rows(sorted(set(area)) or None)
    found = _plain(summarise(rows, first, last))
    groups = {by: {g: _plain(s) for g, s in summary_by(rows, first, last, key).items()}
              for by, key in BY.items()}
    if output == "json":
        sys.stdout.write(json.dumps({**found, **{f"by_{k}": v for k, v in groups.items()}},
                                    indent=2) + "\n")
        return
    lines = [("all", "all", found)] + [(by, g, s) for by, part in groups.items()
                                       for g, s in part.items()]
    if output == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(["by", "group", *found])
        for by, group, s in lines:
            writer.writerow([by, group, *("" if v is None else v for v in s.values())])
        return
    table = Table(title=f"Enquiries received {first:%d %b %Y} to {last:%d %b %Y}")
    for column in ("by", "group", *found):
        table.add_column(column, justify="left" if column in ("by", "group") else "right")
    for by, group, s in lines:
        table.add_row(by, group, *("" if v is None else str(v) for v in s.values()))
    console.print(table)
