"""``sendassure plan import`` and ``sendassure plan export``: the improvement plan
template (YAML or XLSX; columns in ``src/sendassure/plan/data/plan-template.md``).

Exit status: 0 done; 1 invalid template (every error listed, nothing stored); 2 usage
error (missing file, wrong extension, unknown or ambiguous plan)."""

from __future__ import annotations

from pathlib import Path

import typer

from .django_setup import ensure_database

app = typer.Typer(
    help="The improvement plan: import and export the plan template (XLSX or YAML).",
    no_args_is_help=True,
    add_completion=False,
)
SUFFIXES = (".xlsx", ".yaml", ".yml")


def _suffix(path: Path, option: str) -> None:
    if path.suffix.lower() not in SUFFIXES:
        raise typer.BadParameter(f"{path.name}: give a .xlsx or .yaml file", param_hint=option)


@app.command("import")
def import_(
    path: Path = typer.Argument(..., help="The template, FILE.xlsx or FILE.yaml."),
) -> None:
    """Load a plan from the template. A plan is identified by (la, title): importing it
    again replaces its content, in one transaction."""
    _suffix(path, "FILE")
    if not path.is_file():
        raise typer.BadParameter(f"{path} does not exist", param_hint="FILE")
    ensure_database()
    from sendassure.plan.template import TemplateInvalid, import_file

    try:
        plan = import_file(path)
    except TemplateInvalid as invalid:
        typer.echo(f"INVALID {path.name}: {len(invalid.errors)} error(s); nothing stored")
        for error in invalid.errors:
            typer.echo(f"- {error}")
        raise typer.Exit(1) from invalid
    counts = {
        "areas": plan.areas.count(),
        "actions": sum(a.actions.count() for a in plan.areas.all()),
        "reviews": plan.reviews.count(),
        "evidence requests": plan.evidence_requests.count(),
    }
    summary = ", ".join(f"{n} {name}" for name, n in counts.items())
    typer.echo(f"STORED plan {plan.pk} '{plan.title}' (LA {plan.la}): {summary}")


@app.command("export")
def export(
    out: Path = typer.Option(..., "--out", help="FILE.xlsx or FILE.yaml to write."),
    plan: int = typer.Option(None, "--plan", help="Plan id."),
    la: str = typer.Option(None, "--la", help="LA code (when it has exactly one plan)."),
) -> None:
    """Write a plan in the template's form (the same file import reads)."""
    _suffix(out, "--out")
    if (plan is None) == (la is None):
        raise typer.BadParameter("give exactly one of --plan ID or --la CODE",
                                 param_hint="--plan/--la")
    ensure_database()
    from sendassure.plan.models import Plan
    from sendassure.plan.template import export_plan

    if plan is not None:
        found = Plan.objects.filter(pk=plan).first()
        if found is None:
            raise typer.BadParameter(f"no plan with id {plan}", param_hint="--plan")
    else:
        plans = list(Plan.objects.filter(la=la).order_by("pk"))
        if len(plans) != 1:
            listed = "; ".join(f"{p.pk} '{p.title}'" for p in plans) or "none"
            raise typer.BadParameter(f"LA {la} has {len(plans)} plans ({listed}): use --plan",
                                     param_hint="--la")
        found = plans[0]
    export_plan(found, out)
    typer.echo(f"WROTE plan {found.pk} '{found.title}' to {out}")
