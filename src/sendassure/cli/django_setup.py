"""Start Django for CLI commands, and make sure an embedded database is ready."""

from __future__ import annotations

import os

_ready = False


def setup() -> None:
    global _ready
    if _ready:
        return
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sendassure.settings.base")
    import django

    django.setup()
    _ready = True


def ensure_database(verbose: bool = False) -> None:
    """On SQLite, create and migrate the database if it is new or behind.

    On PostgreSQL the operator runs ``sendassure migrate`` deliberately.
    """
    setup()
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    if connection.vendor != "sqlite":
        return
    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        call_command("migrate", verbosity=1 if verbose else 0, interactive=False)
