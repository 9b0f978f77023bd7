"""Top-level commands: serve, migrate, demo, manage; sub-apps add the rest."""

from __future__ import annotations

import typer
from rich.console import Console

from . import (
    audits,
    backups,
    complaints,
    enquiries,
    exclusions,
    figures,
    health,
    imports,
    outcomes,
    pack,
    plan,
    surveys,
    tokens,
    users,
)
from .django_setup import ensure_database, setup
from .kpis import kpis, worklist
from .measures import measures
from .reference import benchmarks_app, establishments_app
from .rules import rules
from .synth import synth

app = typer.Typer(
    help="sendassure: run a local area's SEND improvement plan and prove its impact.",
    no_args_is_help=True,
    add_completion=False,
)
app.add_typer(users.app, name="users")
app.add_typer(imports.app, name="import")
app.add_typer(pack.app, name="pack")
app.add_typer(figures.app, name="figures")
app.add_typer(tokens.app, name="tokens")
app.add_typer(exclusions.app, name="exclusions")
app.add_typer(plan.app, name="plan")
app.add_typer(outcomes.app, name="outcomes")
app.add_typer(audits.app, name="audits")
app.add_typer(complaints.app, name="complaints")
app.add_typer(enquiries.app, name="enquiries")
app.add_typer(surveys.app, name="surveys")
app.add_typer(health.app, name="health")
app.command("backup")(backups.backup)
app.command("restore")(backups.restore)
app.command("backup-key")(backups.backup_key)
app.command("rules")(rules)
app.command("synth")(synth)
app.command("kpis")(kpis)
app.command("measures")(measures)
app.command("worklist")(worklist)
app.add_typer(benchmarks_app, name="benchmarks")
app.add_typer(establishments_app, name="establishments")
console = Console()

DEFAULT_ADDRESS = "127.0.0.1:8000"


@app.command()
def migrate() -> None:
    """Apply database migrations (creates the SQLite database if it is missing)."""
    setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False)


@app.command()
def serve(
    address: str = typer.Option(DEFAULT_ADDRESS, help="host:port to listen on."),
    production: bool = typer.Option(
        False, "--production",
        help="Serve with gunicorn and the production settings (unless "
             "DJANGO_SETTINGS_MODULE says otherwise), static files collected first.",
    ),
    workers: int = typer.Option(
        None, help="gunicorn worker processes (--production; default WEB_CONCURRENCY, "
                   "else 2 x CPUs + 1, at most 8)."),
    threads: int = typer.Option(4, help="threads per worker (--production)."),
) -> None:
    """Run the web application: Django's server for local use, or --production."""
    if production:
        from . import production as server

        console.print(f"Serving with gunicorn on [bold]{address}[/bold] (Ctrl+C to stop)")
        server.serve(address, workers or server.workers_default(), threads)
        return
    ensure_database()
    from django.core.management import call_command

    console.print(f"Serving on [bold]http://{address}/[/bold] (Ctrl+C to stop)")
    call_command("runserver", address, use_reloader=False, use_threading=True)


@app.command()
def demo(
    address: str = typer.Option(DEFAULT_ADDRESS, help="host:port to listen on."),
    no_serve: bool = typer.Option(False, "--no-serve", help="Prepare everything, do not serve."),
) -> None:
    """Seed the demo local area and its administrator, then serve the web app."""
    ensure_database()
    from .demo import prepare

    summary = prepare(console)
    console.print(summary)
    if not no_serve:
        serve(address)


@app.command(context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
def manage(ctx: typer.Context) -> None:
    """Run a Django management command, e.g. `sendassure manage check --deploy`."""
    setup()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["sendassure manage", *ctx.args])
