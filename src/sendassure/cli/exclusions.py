"""``sendassure exclusions``: the stored requests validation errors bar from some
measures, and lifting a bar once an analyst has checked the record (audited)."""

from __future__ import annotations

import typer
from rich.console import Console
from rich.table import Table

from .accounts import active_user
from .django_setup import ensure_database

app = typer.Typer(help="Requests a validation error keeps out of some measures.",
                  no_args_is_help=True)
console = Console()
USER = typer.Option(..., "--user", envvar="SENDASSURE_USER",
                    help="Your user name: the work is audited under it.")


def _user(name: str):
    return active_user(name, console)


@app.command("list")
def list_barred(user: str = USER) -> None:
    """Every barred request of your areas, with the rules and the sections they bar it
    from (child-level: casework, analyst or administrator; audited)."""
    ensure_database()
    from sendassure.core import audit
    from sendassure.core.roles import CHILD_LEVEL_ROLES
    from sendassure.ingest.exclusions import barred

    account = _user(user)
    if account.role not in CHILD_LEVEL_ROLES:
        console.print("[red]These are child-level records: your role may not see them.[/red]")
        raise typer.Exit(2)
    rows = barred(account.area_codes)
    audit.record(account, "view", "Exclusions", "", f"{len(rows)} barred request(s) listed")
    table = Table(title=f"Requests barred from some measures ({len(rows)})")
    for column in ("request", "LA", "received", "rule: left out of"):
        table.add_column(column)
    for row in rows:
        bars = "; ".join(f"{code}: {', '.join(s)}" for code, s in sorted(row["exclusions"].items()))
        table.add_row(str(row["request_id"]), row["la"], str(row["received_date"] or ""), bars)
    console.print(table)


@app.command("lift")
def lift(
    request_id: int = typer.Argument(..., help="The request (its id in `exclusions list`)."),
    rule: str = typer.Option(..., "--rule", help="The rule whose bar to lift, e.g. SEN2-1003."),
    reason: str = typer.Option(..., "--reason", help="Why the record may be used as it is."),
    user: str = USER,
) -> None:
    """Lift one rule's bar from one request: the figures and the fact table follow in the
    same transaction. Until a return changes the record."""
    ensure_database()
    from sendassure.ingest.exclusions import LiftRefused
    from sendassure.ingest.exclusions import lift as lift_bar

    try:
        remaining = lift_bar(request_id, rule.strip().upper(), reason, _user(user))
    except LiftRefused as error:
        console.print(f"[red]{error}[/red]")
        raise typer.Exit(2) from error
    console.print(f"Lifted {rule} from request {request_id}; "
                  f"bars remaining: {', '.join(sorted(remaining)) or 'none'}.")
