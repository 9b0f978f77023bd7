"""``sendassure backup``, ``restore`` and ``backup-key``: encrypted backups (ADR 0013)."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console

from .django_setup import setup

console = Console(stderr=True)


def backup(
    out: Path = typer.Option(..., "--out", help="The backup file to write (mode 0600)."),
) -> None:
    """Back up every table and the evidence store to one file, encrypted (AES-256-GCM) with
    the key in SENDASSURE_BACKUP_KEY. Works on SQLite and PostgreSQL alike."""
    setup()
    from sendassure.core.backups import BackupError
    from sendassure.core.backups.service import backup as make

    try:
        manifest = make(out)
    except BackupError as error:
        console.print(f"[red]Backup refused:[/red] {error}")
        raise typer.Exit(1) from None
    rows = sum(t["rows"] for t in manifest["tables"].values())
    console.print(f"Backed up {len(manifest['tables'])} tables ({rows:,} rows) and "
                  f"{len(manifest['evidence'])} evidence files from {manifest['engine']} "
                  f"to {out}")


def restore(
    source: Path = typer.Argument(..., help="A file written by 'sendassure backup'."),
) -> None:
    """Restore a backup into a new, empty database (SQLite or PostgreSQL, whichever it was
    made from), then migrate it to this release. Refuses a wrong key, a changed or damaged
    file, and a database that already holds data."""
    setup()
    from sendassure.core.backups import BackupError
    from sendassure.core.backups.service import restore as load

    try:
        manifest = load(source)
    except BackupError as error:
        console.print(f"[red]Restore refused:[/red] {error}")
        raise typer.Exit(1) from None
    rows = sum(t["rows"] for t in manifest["tables"].values())
    console.print(f"Restored {len(manifest['tables'])} tables ({rows:,} rows) and "
                  f"{len(manifest['evidence'])} evidence files, backed up from "
                  f"{manifest['engine']} at {manifest['made_at']}")


def backup_key() -> None:
    """Print a new key for SENDASSURE_BACKUP_KEY (keep it apart from the backups)."""
    from sendassure.core.backups.envelope import new_key

    print(new_key())
