"""``sendassure pack review``: the progress-review pack as PDF, HTML or XLSX."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import typer
from rich.console import Console

from .django_setup import ensure_database

app = typer.Typer(help="Build packs for boards and reviewers.", no_args_is_help=True)
console = Console()


@app.command("review")
def review(
    review_date: str = typer.Option(..., "--review", help="Review date (YYYY-MM-DD)."),
    out: Path = typer.Option(..., "--out", help="Output file: .pdf, .html or .xlsx."),
    plan_id: int = typer.Option(None, "--plan", help="Plan id (default: the only plan)."),
) -> None:
    """Cover, contents, RAG at a glance, then per area what we said / did / the
    difference it made / evidence / next / open requests, positioning statements and
    exception reports. Disclosure-controlled for the board, reviewers and the forum."""
    try:
        day = date.fromisoformat(review_date)
    except ValueError as error:
        raise typer.BadParameter(f"{review_date!r} is not a date like 2024-05-15",
                                 param_hint="--review") from error
    if out.suffix.lower() not in (".pdf", ".html", ".htm", ".xlsx"):
        raise typer.BadParameter("choose a .pdf, .html or .xlsx file", param_hint="--out")
    ensure_database()
    from sendassure.plan.models import Plan
    from sendassure.reports.output import write
    from sendassure.reports.review_pack import build_pack

    plans = Plan.objects.all() if plan_id is None else Plan.objects.filter(pk=plan_id)
    if plans.count() != 1:
        console.print("[red]Name the plan with --plan ID[/red]: " + ", ".join(
            f"{p.pk} {p.title}" for p in Plan.objects.all()) if plans.count() > 1
            else "[red]There is no such plan: load one with `sendassure plan import`.[/red]")
        raise typer.Exit(2)
    out.parent.mkdir(parents=True, exist_ok=True)
    with console.status("Building the review pack..."):
        write(build_pack(plans.get(), day), out)
    console.print(f"Review pack written to {out}")


@app.command("run-job")
def run_job(job_id: int = typer.Argument(..., help="The pack job's id.")) -> None:
    """Build a pack job queued from the web (the web app starts this in the background,
    at low priority; run by hand to retry one). Exits 1 if the build failed."""
    import os

    from .django_setup import setup

    os.nice(19)  # the web pages come first
    setup()
    from sendassure.jobs.runner import one_build_at_a_time
    from sendassure.jobs.runner import run_job as run

    with one_build_at_a_time():  # a second build waits (queued) for the first
        job = run(job_id)
    console.print(f"Pack job {job.pk}: {job.get_status_display()} (at nice {os.nice(0)})"
                  + (f": {job.error}" if job.error else ""))
    if job.status == job.State.FAILED:
        raise typer.Exit(1)
