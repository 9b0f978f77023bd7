"""``sendassure tokens``: per-user tokens for the JSON API."""

from __future__ import annotations

import typer
from rich.console import Console

from .accounts import active_user
from .django_setup import ensure_database

app = typer.Typer(help="Tokens for the JSON API (Authorization: Bearer TOKEN).",
                  no_args_is_help=True)
console = Console()


def _user(name: str):
    return active_user(name, console)


@app.command("add")
def add(user: str = typer.Argument(..., help="The user the token acts as.")) -> None:
    """Make a token for USER and print it (once: only its digest is kept). The API gives
    it what USER's role and areas may see."""
    ensure_database()
    from sendassure.core import audit
    from sendassure.core.tokens import issue

    account = _user(user)
    token = issue(account)
    audit.record(None, "change", "ApiToken", account.pk, f"token made for {user}")
    print(token)


@app.command("revoke")
def revoke(user: str = typer.Argument(..., help="The user whose tokens end.")) -> None:
    """Revoke every token of USER at once."""
    ensure_database()
    from sendassure.core import audit
    from sendassure.core.tokens import revoke as end

    account = _user(user)
    count = end(account)
    audit.record(None, "change", "ApiToken", account.pk, f"{count} token(s) of {user} revoked")
    console.print(f"Revoked {count} token(s) of {user}.")
