"""Writes that record what happened but that nobody waits on (the time of a user's last
sign-in, django-axes' access log), made so that signing in never waits for a long
writer such as an import on SQLite (ADR 0011).

``soon(write)`` runs the write at once if the database takes it within a moment;
otherwise it is handed to one background thread that retries until it lands. Inside a
transaction (tests, or a caller's atomic block), and on PostgreSQL, where a sign-in's
rows do not wait for an import, it simply runs.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable
from contextlib import contextmanager

from django.db import OperationalError, close_old_connections, connection, transaction

log = logging.getLogger(__name__)

PROMPT_MS = 200  # how long a request waits for the write lock before handing the write on
RETRY_SECONDS = 0.5

_pending: queue.Queue[tuple[Callable[[], None], str]] = queue.Queue()
_worker: threading.Thread | None = None
_start = threading.Lock()


def _locked(error: OperationalError) -> bool:
    text = str(error).lower()
    return "locked" in text or "busy" in text


@contextmanager
def _busy_timeout(milliseconds: int):
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout")
        before = cursor.fetchone()[0]
        cursor.execute(f"PRAGMA busy_timeout = {int(milliseconds)}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA busy_timeout = {int(before)}")


def soon(write: Callable[[], None], what: str) -> None:
    """Run ``write`` now, or as soon as the database lets it."""
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        write()
        return
    try:
        with _busy_timeout(PROMPT_MS), transaction.atomic():
            write()
        return
    except OperationalError as error:
        if not _locked(error):
            raise
    log.info("database busy: %s deferred", what)
    _pending.put((write, what))
    _ensure_worker()


def _ensure_worker() -> None:
    global _worker
    with _start:
        if _worker is None or not _worker.is_alive():
            _worker = threading.Thread(target=_drain, name="sendassure-bookkeeping",
                                       daemon=True)
            _worker.start()


def _drain() -> None:
    while True:
        write, what = _pending.get()
        while True:
            try:
                close_old_connections()
                with transaction.atomic():
                    write()
                break
            except OperationalError as error:
                if not _locked(error):
                    log.exception("deferred write failed: %s", what)
                    break
                time.sleep(RETRY_SECONDS)
            except Exception:
                log.exception("deferred write failed: %s", what)
                break
        _pending.task_done()
        if _pending.empty():
            connection.close()


def wait(timeout: float = 30.0) -> bool:
    """Wait until every deferred write has landed (for tests and orderly shutdown)."""
    deadline = time.monotonic() + timeout
    while _pending.unfinished_tasks:
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True
