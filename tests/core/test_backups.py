"""Backups: every table and evidence file comes back row for row, in the same engine and
in the other one; a missing or wrong key, a changed or cut file and a database holding
data are refused with a clear message and change nothing."""

from __future__ import annotations

import base64
import io
import json
import os
import subprocess
import zipfile
from pathlib import Path

import pytest
from django.core.management.color import no_style
from django.db import connection

from sendassure.core.backups import BackupError, envelope
from sendassure.core.backups.service import backup, restore

from ..support.server import CLI
from .test_url_roles import sample_url_kwargs

KEY = {"SENDASSURE_BACKUP_KEY": envelope.new_key()}


def every_table() -> dict[str, list]:
    """Every table's rows, read with plain SQL (not the backup's own code), sorted."""
    snapshot = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            if table == "django_migrations":
                continue
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            snapshot[table] = sorted(map(repr, cursor.fetchall()))
    return snapshot


def empty_every_table() -> None:
    tables = [t for t in connection.introspection.table_names() if t != "django_migrations"]
    connection.ops.execute_sql_flush(
        connection.ops.sql_flush(no_style(), tables, reset_sequences=True, allow_cascade=True))


def evidence_files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*")
            if p.is_file()}


@pytest.fixture
def area_data(transactional_db, tmp_path, settings, make_user):
    settings.EVIDENCE_ROOT = str(tmp_path / "evidence")
    make_user("analyst")
    make_user("casework", areas=("886", "887"))
    sample_url_kwargs(tmp_path)
    from sendassure.core import audit

    audit.record(None, "change", "Backup test", "1", "an event with ü and 'quotes'")
    return Path(settings.EVIDENCE_ROOT)


def test_a_backup_restores_every_table_row_for_row(area_data, tmp_path):
    before, files = every_table(), evidence_files(area_data)
    assert sum(map(len, before.values())) > 100 and files
    made = backup(tmp_path / "area.backup", KEY)
    assert made["tables"]["casework_person"]["rows"] == 2

    empty_every_table()
    for path in area_data.rglob("*"):
        if path.is_file():
            path.unlink()
    assert not any(every_table()[t] for t in ("casework_person", "core_auditevent"))

    restore(tmp_path / "area.backup", KEY)
    after = every_table()
    assert after.keys() == before.keys()
    for table in before:
        assert after[table] == before[table], table
    assert evidence_files(area_data) == files

    from sendassure.casework.models import Person

    Person.objects.create(la="886", match_key="new", import_run_id=Person.objects.first()
                          .import_run_id, reference_date="2024-01-18")  # sequences moved on


def test_the_backup_file_is_encrypted(area_data, tmp_path):
    backup(tmp_path / "area.backup", KEY)
    sealed = (tmp_path / "area.backup").read_bytes()
    assert b"casework_person" not in sealed and b"886" not in sealed
    assert oct(os.stat(tmp_path / "area.backup").st_mode & 0o777) == "0o600"


def test_restore_refuses_a_database_that_holds_data(area_data, tmp_path):
    backup(tmp_path / "area.backup", KEY)
    before = every_table()
    with pytest.raises(BackupError, match="not empty"):
        restore(tmp_path / "area.backup", KEY)
    assert every_table() == before


def test_restore_refuses_a_missing_or_wrong_key_and_a_changed_file(area_data, tmp_path):
    """Each refusal names its cause, and nothing is restored."""
    backup(tmp_path / "area.backup", KEY)
    good = (tmp_path / "area.backup").read_bytes()
    empty_every_table()
    for environ, message in [
        ({}, "SENDASSURE_BACKUP_KEY is not set"),
        ({"SENDASSURE_BACKUP_KEY": "short"}, "is not a backup key"),
        ({"SENDASSURE_BACKUP_KEY": envelope.new_key()}, "is not the key this backup was made"),
    ]:
        with pytest.raises(BackupError, match=message):
            restore(tmp_path / "area.backup", environ)
    flipped = bytearray(good)
    flipped[len(good) // 2] ^= 1
    for damaged, message in [
        (bytes(flipped), "changed or damaged"),
        (good[:-10], "changed or damaged|cut short"),
        (_sealed_in_chunks(), "changed or damaged"),
        (good + b"\0", "changed or damaged|cut short"),
        (b"PK\x03\x04" + bytes(100), "not a sendassure backup"),
    ]:
        (tmp_path / "area.backup").write_bytes(damaged)
        with pytest.raises(BackupError, match=message):
            restore(tmp_path / "area.backup", KEY)
    assert not any(every_table().values())


def test_backup_refuses_without_a_key(area_data, tmp_path):
    with pytest.raises(BackupError, match="SENDASSURE_BACKUP_KEY is not set"):
        backup(tmp_path / "area.backup", {})
    assert not (tmp_path / "area.backup").exists()


def _sealed_in_chunks() -> bytes:
    """A two-chunk file cut after its first chunk: the cut falls on a chunk's end."""
    key = base64.urlsafe_b64decode(KEY["SENDASSURE_BACKUP_KEY"])
    out = io.BytesIO()
    envelope.seal(io.BytesIO(bytes(envelope.CHUNK + 5)), out, key)
    first = 33 + 4 + envelope.CHUNK + 16
    whole = out.getvalue()
    assert len(whole) > first
    return whole[:first]


def test_the_envelope_round_trips_several_chunks():
    key = base64.urlsafe_b64decode(envelope.new_key())
    plain = os.urandom(2 * envelope.CHUNK + 7)
    sealed, opened = io.BytesIO(), io.BytesIO()
    envelope.seal(io.BytesIO(plain), sealed, key)
    sealed.seek(0)
    envelope.open_sealed(sealed, opened, key)
    assert opened.getvalue() == plain


def _tables_in(path: Path, environ) -> dict[str, list]:
    """A backup's rows by table, decrypted with the key (for comparing two backups)."""
    key = envelope.key_from_environment(environ)
    plain = io.BytesIO()
    with open(path, "rb") as sealed:
        envelope.open_sealed(sealed, plain, key)
    with zipfile.ZipFile(plain) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        return {t: sorted(archive.read(f"tables/{t}.jsonl").decode().splitlines())
                for t in manifest["tables"]}


def test_the_commands_restore_into_a_new_sqlite_database(area_data, tmp_path):
    """``sendassure restore`` makes a new SQLite database's tables and fills them; a backup
    of it holds the same rows as the first: from PostgreSQL on CI's PostgreSQL run, so a
    backup moves between engines."""
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL",
                                                             "SENDASSURE_REQUIRE_POSTGRESQL")}
    env.update(KEY, SENDASSURE_VAR=str(tmp_path / "var"),
               SENDASSURE_EVIDENCE_DIR=str(tmp_path / "restored-evidence"),
               DJANGO_SETTINGS_MODULE="sendassure.settings.base")
    backup(tmp_path / "first.backup", KEY)
    done = subprocess.run([CLI, "restore", str(tmp_path / "first.backup")], env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "Restored" in done.stderr
    again = subprocess.run([CLI, "restore", str(tmp_path / "first.backup")], env=env,
                           capture_output=True, text=True, timeout=300)
    assert again.returncode == 1 and "not empty" in again.stderr
    done = subprocess.run([CLI, "backup", "--out", str(tmp_path / "second.backup")], env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert _tables_in(tmp_path / "second.backup", KEY) == _tables_in(tmp_path / "first.backup",
                                                                     KEY)
    assert evidence_files(tmp_path / "restored-evidence") == evidence_files(area_data)
