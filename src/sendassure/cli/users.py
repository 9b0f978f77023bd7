"""``sendassure users``: create accounts."""

from __future__ import annotations

import getpass
import os

import typer
from rich.console import Console

from .django_setup import ensure_database

app = typer.Typer(help="Manage user accounts.", no_args_is_help=True)
console = Console()


@app.command("add")
def add(
    name: str = typer.Argument(..., help="User name to sign in with."),
    role: str = typer.Option(..., "--role", help="administrator, analyst, casework, auditor, "
                             "health, board, forum or reviewer."),
    area: list[str] = typer.Option([], "--area", help="LA code the user may see (repeatable)."),
    password: str = typer.Option(
        None, "--password", help="Password (else SENDASSURE_PASSWORD, else asked)."
    ),
) -> None:
    """Create a user with a role and the areas (LA codes) they may see."""
    ensure_database()
    from sendassure.core.accounts import AccountError, create_user

    secret = password or os.environ.get("SENDASSURE_PASSWORD") or getpass.getpass("Password: ")
    try:
        user = create_user(name, role, area, secret)
    except AccountError as error:
        console.print(f"[red]{error}[/red]")
        raise typer.Exit(2) from error
    areas = ", ".join(user.area_codes) or "none"
    console.print(f"Created {user.username} ({user.role}), areas: {areas}")
