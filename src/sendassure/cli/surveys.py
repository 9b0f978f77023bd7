"""``sendassure surveys``: import parent, young people's and practitioners' survey
exports and print the share who agree with each statement, with Wilson intervals and
the change from a baseline wave."""

from __future__ import annotations

import csv
import json
import sys
from decimal import Decimal
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from .django_setup import ensure_database

console = Console()
FORMATS = ("json", "table", "csv")
app = typer.Typer(help="Surveys of parents, young people and practitioners.",
                  no_args_is_help=True)


def _area(la: str | None) -> str:
    from sendassure.core.models import Area

    if la is not None:
        if not (len(la) == 3 and la.isdigit()):
            raise typer.BadParameter(f"{la!r} is not a 3-digit LA code", param_hint="--la")
        return la
    held = sorted(Area.objects.values_list("code", flat=True))
    if len(held) != 1:
        raise typer.BadParameter("choose the area the survey is of", param_hint="--la")
    return held[0]


@app.command("import")
def import_(
    path: Path = typer.Argument(..., help="A .csv or .xlsx export, one row per respondent."),
    la: str = typer.Option(None, "--la", help="The area surveyed (default: the only one)."),
) -> None:
    """Import a survey export: respondent_id, wave, respondent_group (parent_carer,
    young_person, practitioner), completed_on, then one column per statement. A column
    headed "Comment: QUESTION" holds free text: names, full postcodes, emails and phone
    numbers are taken out before it is stored; analysts tag it in the app and only tag
    counts are ever published."""
    if not path.is_file():
        raise typer.BadParameter(f"{path} is not a file", param_hint="PATH")
    ensure_database()
    from sendassure.voice.surveys import SurveyImportError, import_survey

    area = _area(la)
    try:
        result = import_survey(path, area)
    except SurveyImportError as error:
        console.print(f"[bold red]{error}[/]")
        for problem in error.problems:
            console.print(f"  {path.name}: {problem}", highlight=False, soft_wrap=True)
        raise typer.Exit(1) from None
    console.print(f"{path.name}: {result.added} response(s) added, {result.updated} updated, "
                  f"{result.unchanged} unchanged.")


def _plain(value):
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


@app.command("summary")
def summary(
    wave: str = typer.Option(..., "--wave", help="The wave to summarise."),
    baseline: str = typer.Option(None, "--baseline", help="A baseline wave to compare with."),
    la: str = typer.Option(None, "--la", help="The area (default: every area together)."),
    group: str = typer.Option(None, "--group", help="parent_carer, young_person or "
                              "practitioner (default: all)."),
    output: str = typer.Option("json", "--format", help="json, table or csv."),
) -> None:
    """Respondents, and for each statement the responses, agree, % agree with its Wilson
    95% interval; with a baseline, its % agree, the change in points and the p-value of
    the two-proportion z-test."""
    if output not in FORMATS:
        raise typer.BadParameter(f"choose one of {', '.join(FORMATS)}", param_hint="--format")
    ensure_database()
    from sendassure.kpis.surveys import summary as summarise
    from sendassure.voice.models import GROUPS
    from sendassure.voice.surveys import answers_of

    if group is not None and group not in dict(GROUPS):
        raise typer.BadParameter(f"choose one of {', '.join(dict(GROUPS))}",
                                 param_hint="--group")
    answers, respondents = answers_of(la, wave, group)
    if not respondents:
        raise typer.BadParameter(f"no responses are held for wave {wave!r}",
                                 param_hint="--wave")
    base = answers_of(la, baseline, group)[0] if baseline else None
    found = _plain(summarise(wave, answers, respondents, baseline, base))
    if output == "json":
        sys.stdout.write(json.dumps(found, indent=2) + "\n")
        return
    columns = ["responses", "agree", "pc_agree", "ci_low", "ci_high"]
    if baseline:
        columns += ["baseline_pc_agree", "change_pp", "p_value"]
    if output == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(["wave", "statement", *columns])
        for text, row in found["statements"].items():
            writer.writerow([wave, text, *("" if row[c] is None else row[c] for c in columns)])
        return
    table = Table(title=f"Wave {wave}: {respondents:,} respondents"
                  + (f", against {baseline}" if baseline else ""))
    table.add_column("statement")
    for column in columns:
        table.add_column(column, justify="right")
    for text, row in found["statements"].items():
        table.add_row(text, *("" if row[c] is None else str(row[c]) for c in columns))
    console.print(table)
