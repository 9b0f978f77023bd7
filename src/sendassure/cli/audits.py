"""``sendassure audits``: EHC plan quality audits: import past audits, the summary
contract, stratified samples to audit, and framework versions."""

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
SUMMARY_KEYS = ("audits", "plans_audited", "grades", "pc_good_or_better", "double_audited",
                "agreement_pc", "kappa", "kappa_linear")
app = typer.Typer(help="EHC plan quality audits.", no_args_is_help=True)


def _date(text: str, option: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise typer.BadParameter(f"{text!r} is not a date like 2024-12-31",
                                 param_hint=option) from None


def _areas(areas: list[str]) -> list[str] | None:
    bad = [a for a in areas if not (len(a) == 3 and a.isdigit())]
    if bad:
        raise typer.BadParameter(f"{bad[0]!r} is not a 3-digit LA code", param_hint="--area")
    return sorted(set(areas)) or None


def _plain(value):
    return float(value) if isinstance(value, Decimal) else value


def _format(output: str) -> str:
    if output not in FORMATS:
        raise typer.BadParameter(f"choose one of {', '.join(FORMATS)}", param_hint="--format")
    return output


@app.command("import")
def import_(
    path: Path = typer.Argument(..., help="A .csv or .xlsx file, one row per audit."),
    la: list[str] = typer.Option([], "--la", help="Look UPNs up in this area only "
                                 "(repeatable)."),
    framework: str = typer.Option(None, "--framework", help="Framework version the audits "
                                  "were made with (default: the shipped default)."),
) -> None:
    """Import past audits: audit_ref, plan_ref (the child's UPN), audit_date, auditor,
    agency, overall_grade, then optional section_A ... section_K. Any bad row rejects
    the file, every problem listed; importing the same file again changes nothing."""
    if not path.is_file():
        raise typer.BadParameter(f"{path} is not a file", param_hint="PATH")
    ensure_database()
    from sendassure.quality.framework import FrameworkError
    from sendassure.quality.importing import AuditImportError, import_audits

    try:
        result = import_audits(path, _areas(la), framework)
    except AuditImportError as error:
        console.print(f"[bold red]{error}[/]")
        for problem in error.problems:
            console.print(f"  {path.name}: {problem}", highlight=False, soft_wrap=True)
        raise typer.Exit(1) from None
    except FrameworkError as error:
        console.print(f"[bold red]{error}[/]")
        raise typer.Exit(1) from None
    console.print(f"{path.name}: {result.added} audit(s) added, {result.updated} updated, "
                  f"{result.unchanged} unchanged.")


@app.command("summary")
def summary(
    start: str = typer.Option(..., "--from", help="First day (YYYY-MM-DD), inclusive."),
    end: str = typer.Option(..., "--to", help="Last day (YYYY-MM-DD), inclusive."),
    area: list[str] = typer.Option([], "--area", help="LA code (repeatable); default: "
                                   "every area's audits together."),
    output: str = typer.Option("json", "--format", help="json, table or csv."),
) -> None:
    """Audits, plans audited, grades, % good or better, double audits, agreement and
    Cohen's kappa (unweighted and linear) for audits dated in the period."""
    first, last = _date(start, "--from"), _date(end, "--to")
    if last < first:
        raise typer.BadParameter("--to is before --from", param_hint="--to")
    _format(output)
    areas = _areas(area)
    ensure_database()
    from sendassure.kpis.plan_quality import summary as summarise
    from sendassure.quality.queries import audit_rows

    found = summarise(audit_rows(areas), first, last)
    result = {k: _plain(found[k]) for k in SUMMARY_KEYS}
    if output == "json":
        sys.stdout.write(json.dumps(result, indent=2) + "\n")
        return
    flat = {}
    for key, value in result.items():
        if key == "grades":
            flat.update({f"grades_{g}": n for g, n in value.items()})
        else:
            flat[key] = value
    if output == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(flat)
        writer.writerow("" if v is None else v for v in flat.values())
        return
    table = Table(title=f"Plan quality audits, {first:%d %b %Y} to {last:%d %b %Y}")
    table.add_column("measure")
    table.add_column("value", justify="right")
    for key, value in flat.items():
        table.add_row(key, "" if value is None else str(value))
    console.print(table)


@app.command("sample")
def sample(
    size: int = typer.Option(None, "--size", help="Plans to sample."),
    margin: float = typer.Option(None, "--margin", help="Or: the margin of error the sample "
                                 "should give at 95% confidence, e.g. 0.05."),
    seed: int = typer.Option(..., "--seed", help="Random seed: the same seed and records "
                             "give the same sample."),
    by: str = typer.Option("primary_need,phase", "--by", help="Dimensions to stratify on, "
                           "comma-separated: primary_need, phase, setting, locality."),
    la: str = typer.Option(None, "--la", help="LA code; default: the only area held."),
    output: str = typer.Option("table", "--format", help="json, table or csv."),
) -> None:
    """A stratified random sample of the area's active EHC plans (on the date its data
    ends), with a representativeness check per dimension against the caseload."""
    _format(output)
    if size is None and margin is None:
        raise typer.BadParameter("give --size or --margin", param_hint="--size")
    if margin is not None and not 0 < margin < 1:
        raise typer.BadParameter("give the margin as a fraction, e.g. 0.05",
                                 param_hint="--margin")
    dims = tuple(d.strip() for d in by.split(",") if d.strip())
    ensure_database()
    from sendassure.quality.sampling import SampleError, draw

    if la is None:
        from sendassure.casework.models import Person

        held = sorted(set(Person.objects.values_list("la", flat=True)))
        if len(held) != 1:
            raise typer.BadParameter(f"choose an area: {', '.join(held) or 'none held'}",
                                     param_hint="--la")
        la = held[0]
    try:
        drawn = draw(la, seed, dims, size=size, margin=margin)
    except SampleError as error:
        raise typer.BadParameter(str(error), param_hint="--by") from None
    checks = [{"dimension": c.dimension, "chi_square": round(c.fit.statistic, 3),
               "degrees_of_freedom": c.fit.degrees_of_freedom,
               "p_value": None if c.fit.p_value is None else round(c.fit.p_value, 4),
               "largest_gap_pp": round(c.fit.largest_gap_pp, 1),
               "largest_gap_in": c.fit.largest_gap_category, "warning": c.fit.warning}
              for c in drawn.checks]
    if output == "json":
        sys.stdout.write(json.dumps({
            "la": la, "on": drawn.on.isoformat(), "caseload": drawn.caseload,
            "size": drawn.size, "seed": seed, "by": list(dims),
            "plans": [{k: r[k] for k in ("id", "primary_need", "phase", "setting",
                                         "locality")} for r in drawn.chosen],
            "representativeness": checks}, indent=2) + "\n")
        return
    if output == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(("case_id", "primary_need", "phase", "setting", "locality"))
        for r in drawn.chosen:
            writer.writerow((r["id"], r["primary_need"], r["phase"], r["setting"],
                             r["locality"]))
        return
    console.print(f"{drawn.size} of {drawn.caseload:,} active plans in LA {la} on "
                  f"{drawn.on:%d %B %Y}, stratified by {', '.join(dims)}, seed {seed}.")
    table = Table(title="Representativeness against the caseload")
    for column in ("dimension", "chi-square", "df", "p", "largest gap (pp)", "in"):
        table.add_column(column)
    for c in checks:
        table.add_row(c["dimension"], str(c["chi_square"]), str(c["degrees_of_freedom"]),
                      "" if c["p_value"] is None else str(c["p_value"]),
                      str(c["largest_gap_pp"]), c["largest_gap_in"])
    console.print(table)
    for c in checks:
        if c["warning"]:
            console.print(f"{c['dimension']}: {c['warning']}")
    table = Table(title="Sampled plans (case ids)")
    for column in ("case id", "primary need", "phase", "setting", "locality"):
        table.add_column(column)
    for r in drawn.chosen:
        table.add_row(str(r["id"]), r["primary_need"], r["phase"], r["setting"], r["locality"])
    console.print(table)


@app.command("framework")
def framework(path: Path = typer.Argument(..., help="A framework YAML file.")) -> None:
    """Load a framework version (a changed framework needs a new version)."""
    ensure_database()
    from sendassure.quality.framework import FrameworkError
    from sendassure.quality.frameworks import load_framework

    try:
        stored = load_framework(path)
    except (FrameworkError, OSError) as error:
        console.print(f"[bold red]{error}[/]")
        raise typer.Exit(1) from None
    console.print(f"Framework {stored.version} ({stored.name}) is loaded.")
