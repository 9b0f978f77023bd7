"""Write a database and its evidence store to a zip archive, and load one back.

The archive holds ``manifest.json`` (format, when, from which engine, the migrations the
database was at, each table's columns and row count), ``tables/<table>.jsonl`` (one row a
line) and ``evidence/<path>`` (the evidence store's files as they lie on disk).
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from django.conf import settings
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from .envelope import BackupError
from .tables import REGENERATED, columns, insert, models_of, rows

FORMAT = "sendassure-backup/1"
BATCH = 2000


def _evidence_root() -> Path:
    return Path(getattr(settings, "EVIDENCE_ROOT", ""))


def _state(nodes):
    executor = MigrationExecutor(connection)
    return executor, executor.loader.project_state(nodes, at_end=True).apps


def write(out: zipfile.ZipFile) -> dict:
    """Write every table and evidence file into ``out``; return the manifest."""
    executor = MigrationExecutor(connection)
    leaves = executor.loader.graph.leaf_nodes()
    if executor.migration_plan(leaves):
        raise BackupError("The database has migrations still to apply: run "
                          "'sendassure migrate' first, then back it up.")
    state = executor.loader.project_state(leaves, at_end=True).apps
    tables = {}
    with transaction.atomic():  # one consistent snapshot on PostgreSQL
        if connection.vendor == "postgresql":
            connection.cursor().execute(
                "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        for model in models_of(state):
            table = model._meta.db_table
            count = 0
            with out.open(f"tables/{table}.jsonl", "w", force_zip64=True) as handle:
                for row in rows(model, BATCH):
                    handle.write(json.dumps(row, separators=(",", ":")).encode() + b"\n")
                    count += 1
            tables[table] = {"model": model._meta.label_lower,
                             "columns": [f.attname for f in columns(model)], "rows": count}
    evidence = []
    root = _evidence_root()
    if root.is_dir():
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            name = path.relative_to(root).as_posix()
            out.write(path, f"evidence/{name}")
            evidence.append(name)
    manifest = {"format": FORMAT, "made_at": timezone.now().isoformat(),
                "engine": connection.vendor, "migrations": sorted(map(list, leaves)),
                "tables": tables, "evidence": evidence}
    out.writestr("manifest.json", json.dumps(manifest, indent=1))
    return manifest


def read_manifest(archive: zipfile.ZipFile) -> dict:
    try:
        manifest = json.loads(archive.read("manifest.json"))
    except (KeyError, ValueError):
        raise BackupError("The backup holds no manifest: it was not made by sendassure.") \
            from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"This backup's format ({manifest.get('format')}) is not one this "
                          "release reads.")
    return manifest


def _applied() -> set:
    return set(MigrationRecorder(connection).applied_migrations())


def _prepare_schema(nodes) -> object:
    """Bring an empty database to the backup's migrations; refuse one that holds data."""
    executor = MigrationExecutor(connection)
    unknown = [n for n in nodes if n not in executor.loader.graph.nodes]
    if unknown:
        raise BackupError("The backup was made by a later release (migrations "
                          f"{', '.join('.'.join(n) for n in unknown)} are unknown here): "
                          "restore it with that release or a later one.")
    applied = _applied()
    wanted = {key for node in nodes for key in executor.loader.graph.forwards_plan(node)}
    if applied and applied != wanted:
        raise BackupError("The database is at other migrations than the backup: restore into "
                          "a new, empty database (restore creates its tables).")
    if not applied:
        executor.migrate(nodes)
    return executor.loader.project_state(nodes, at_end=True).apps


def _refuse_unless_empty(models) -> None:
    for model in models:
        if model._meta.db_table in REGENERATED:
            continue
        if model._base_manager.exists():
            raise BackupError(f"The database is not empty ({model._meta.db_table} holds rows): "
                              "restore only into a new, empty database.")


def load(archive: zipfile.ZipFile) -> dict:
    """Load ``archive`` into an empty database, then migrate it to this release."""
    manifest = read_manifest(archive)
    nodes = [tuple(n) for n in manifest["migrations"]]
    state = _prepare_schema(nodes)
    models = {m._meta.db_table: m for m in models_of(state)}
    _refuse_unless_empty(models.values())
    with transaction.atomic():
        for table in sorted(REGENERATED & models.keys()):  # permissions before types
            models[table]._base_manager.all().delete()
        for table, entry in manifest["tables"].items():
            if table not in models:
                raise BackupError(f"The backup's table {table} is not in its own migrations' "
                                  "schema: the backup is damaged.")
            _load_table(archive, models[table], table, entry)
        _reset_sequences(models.values())
    _restore_evidence(archive, manifest.get("evidence", []))
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    return manifest


def _load_table(archive, model, table: str, entry: dict) -> None:
    names, batch, count = entry["columns"], [], 0
    with archive.open(f"tables/{table}.jsonl") as handle:
        for line in handle:
            batch.append(json.loads(line))
            if len(batch) == BATCH:
                insert(connection, model, names, batch)
                count, batch = count + len(batch), []
    if batch:
        insert(connection, model, names, batch)
        count += len(batch)
    if count != entry["rows"]:
        raise BackupError(f"The backup's table {table} holds {count} rows, not the "
                          f"{entry['rows']} its manifest names: the backup is damaged.")


def _reset_sequences(models) -> None:
    statements = connection.ops.sequence_reset_sql(no_style(), list(models))
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def _restore_evidence(archive, names: list[str]) -> None:
    root = _evidence_root()
    for name in names:
        target = (root / name).resolve()
        if not target.is_relative_to(root.resolve()):
            raise BackupError(f"The backup names an evidence file outside the store: {name}")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(archive.read(f"evidence/{name}"))
