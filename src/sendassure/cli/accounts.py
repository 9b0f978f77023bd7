"""The account a command acts as, by user name (for commands that audit their work)."""

from __future__ import annotations

import typer
from rich.console import Console


def active_user(name: str, console: Console):
    """The active user called ``name``; a clear refusal (exit 2) when there is none."""
    from sendassure.core.models import User

    user = User.objects.filter(username=name, is_active=True).first()
    if user is None:
        console.print(f"[red]There is no active user called {name!r}.[/red]")
        raise typer.Exit(2)
    return user
