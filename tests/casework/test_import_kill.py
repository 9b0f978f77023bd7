"""A real kill: SIGKILL an import half-way through and the database is exactly as before.

The imports run as `sendassure import sen2` subprocesses on a file SQLite database in
tmp_path (WAL mode, as configured). "Half-way" is shown, not assumed: the importer holds
SQLite's write lock for the whole of its one transaction, so the test watches for that
lock (a `BEGIN IMMEDIATE` of its own fails while the import's transaction is open),
waits half as long as year 1's transaction took, then until the WAL file has grown
(uncommitted pages already on disk) while the lock is still held, and only then kills.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sendassure.synth import generate_area

CLI = str(Path(sys.executable).with_name("sendassure"))


@pytest.fixture
def area(tmp_path):
    """A small synthetic area (a tenth of Kent) with two years of returns, and the
    environment that points the command line at a file SQLite database in tmp_path."""
    var = tmp_path / "var"
    var.mkdir()
    database = var / "sendassure.sqlite3"
    env = {
        **os.environ,
        "SENDASSURE_VAR": str(var),
        "DATABASE_URL": f"sqlite:///{database}",
        "DJANGO_SETTINGS_MODULE": "sendassure.settings.base",
        "COLUMNS": "200",
    }
    year1, year2 = generate_area("886", [2023, 2024], 0.1, 7, tmp_path / "synth")
    return env, database, year1, year2


def import_cli(env, path) -> subprocess.CompletedProcess:
    return subprocess.run([CLI, "import", "sen2", str(path)], env=env, capture_output=True,
                          text=True, timeout=120)


def row_counts(database: Path) -> dict[str, int]:
    """Every table's row count, read with sqlite3 itself."""
    with sqlite3.connect(database) as conn:
        tables = [name for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        counts = {t: conn.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}
    conn.close()
    return counts


class WriteLock:
    """Is some other connection inside a write transaction on the database?"""

    def __init__(self, database: Path) -> None:
        self.conn = sqlite3.connect(database, timeout=0, isolation_level=None)

    def held(self) -> bool:
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            assert "locked" in str(error) or "busy" in str(error), error
            return True
        self.conn.execute("ROLLBACK")
        return False

    def close(self) -> None:
        self.conn.close()


def wait_for_lock(lock: WriteLock, process: subprocess.Popen, timeout: float = 60) -> float:
    deadline = time.monotonic() + timeout
    while not lock.held():
        assert process.poll() is None, "the import ended before its transaction was seen"
        assert time.monotonic() < deadline, "the import never opened its transaction"
        time.sleep(0.01)
    return time.monotonic()


def test_sigkill_mid_import_leaves_every_table_as_it_was_then_the_import_succeeds(area):
    env, database, year1, year2 = area
    wal = database.with_name(database.name + "-wal")

    # Year 1 through the command line, on a database migrated beforehand so that the
    # import's transaction is the only write; timed by the write lock it holds.
    subprocess.run([CLI, "migrate"], env=env, check=True, capture_output=True, timeout=120)
    first = subprocess.Popen([CLI, "import", "sen2", str(year1)], env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lock = WriteLock(database)
    try:
        began = wait_for_lock(lock, first)
        while lock.held():
            time.sleep(0.01)
        transaction_seconds = time.monotonic() - began
    finally:
        lock.close()
    output = first.stdout.read()
    assert first.wait() == 0, output
    assert "STORED" in output, output
    assert transaction_seconds > 0.2, "year 1's import was too quick to time"
    before = row_counts(database)
    assert before["casework_person"] > 1000 and before["ingest_importrun"] == 1

    # Year 2: kill it half-way through its transaction.
    second = subprocess.Popen([CLI, "import", "sen2", str(year2)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    lock = WriteLock(database)
    try:
        wait_for_lock(lock, second)
        wal_at_start = wal.stat().st_size if wal.exists() else 0
        time.sleep(transaction_seconds / 2)
        # Then wait for the transaction's first uncommitted pages to spill into the WAL
        # (SQLite's page cache holds only about 2 MB), and kill at once.
        while not (wal.exists() and wal.stat().st_size > wal_at_start):
            assert second.poll() is None, "the import finished before it could be killed"
            assert lock.held(), "the transaction ended before any page reached the WAL"
            time.sleep(0.01)
        assert second.poll() is None and lock.held(), "not mid-way: the import has ended"
        os.kill(second.pid, signal.SIGKILL)
        assert second.wait(timeout=30) == -signal.SIGKILL
    finally:
        lock.close()

    with sqlite3.connect(database) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.close()
    assert row_counts(database) == before

    # The same import again completes and stores year 2.
    again = import_cli(env, year2)
    assert again.returncode == 0, again.stdout + again.stderr
    assert "STORED" in again.stdout, again.stdout
    stored = row_counts(database)
    assert stored["ingest_importrun"] == before["ingest_importrun"] + 1
    assert stored["casework_request"] > before["casework_request"]

    # And once more: the file was imported before, so nothing changes.
    unchanged = import_cli(env, year2)
    assert unchanged.returncode == 0, unchanged.stdout + unchanged.stderr
    assert "UNCHANGED" in unchanged.stdout, unchanged.stdout
    assert row_counts(database) == stored
