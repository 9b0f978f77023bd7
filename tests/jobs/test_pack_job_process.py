"""The real background path on SQLite: a queued pack job is started as a separate,
detached, low-priority process (``sendassure pack run-job ID``) that builds the files
and records its progress in the same database file, while the starter goes on."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SETUP = """
from datetime import date
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from tests.core.test_url_roles import sample_plan
from sendassure.jobs.models import PackJob
from sendassure.jobs.runner import start
plan = sample_plan()
job = PackJob.objects.create(la=plan.la, plan=plan, review_date=date(2023, 11, 15),
                             formats="html,xlsx")
process = start(job)
print(job.pk, process.pid, flush=True)
"""


def test_a_pack_job_runs_in_its_own_low_priority_process(tmp_path):
    database = tmp_path / "sendassure.sqlite3"
    env = {k: v for k, v in os.environ.items() if k != "SENDASSURE_REQUIRE_POSTGRESQL"}
    env.update(SENDASSURE_VAR=str(tmp_path), DATABASE_URL=f"sqlite:///{database}",
               DJANGO_SETTINGS_MODULE="sendassure.settings.base",
               SENDASSURE_PACK_DIR=str(tmp_path / "packs"))
    started = subprocess.run([sys.executable, "-c", SETUP], cwd=ROOT, env=env,
                             capture_output=True, text=True, timeout=180)
    assert started.returncode == 0, started.stderr
    job_id, pid = map(int, started.stdout.split())
    assert pid != os.getpid()
    deadline = time.monotonic() + 180
    seen = set()
    while time.monotonic() < deadline:
        with sqlite3.connect(database, timeout=30) as db:
            row = db.execute("SELECT status, steps_done, steps_total, error, output_dir "
                             "FROM jobs_packjob WHERE id = ?", (job_id,)).fetchone()
        seen.add(row[0])
        if row[0] in ("done", "failed"):
            break
        time.sleep(0.2)
    else:
        pytest.fail(f"the job did not finish within 3 minutes (last state {row})")
    log_file = tmp_path / "packs" / f"job-{job_id}.log"
    while "Pack job" not in (log := log_file.read_text()) and time.monotonic() < deadline:
        time.sleep(0.2)  # the process prints its end just after recording it
    status, done, total, error, output = row
    assert status == "done", f"{error}\n{log}"
    assert done == total == 1 + 1 + 2  # the figures, one area, two formats
    folder = Path(output)
    assert folder == tmp_path / "packs" / str(job_id)
    assert (folder / "review-pack-886-2023-11-15.html").read_text().startswith("<!")
    assert (folder / "review-pack-886-2023-11-15.xlsx").read_bytes().startswith(b"PK")
    assert f"Pack job {job_id}: Ready" in log
    nice = int(log.split("at nice ")[1].split(")")[0])
    assert nice >= 10  # below the web server's priority


def test_the_job_process_is_given_this_processs_database(db):
    from django.db import connection

    from sendassure.jobs.runner import database_url

    url = database_url()
    name = str(connection.settings_dict["NAME"])
    if connection.vendor == "sqlite" and ("memory" in name):
        assert url is None  # no process can open it: the job runs in a thread
    else:
        assert url.endswith("/" + name.lstrip("/")) or url.endswith(name)


def test_a_second_build_waits_queued_while_another_holds_the_builds_lock(tmp_path):
    """Two builds at once take every CPU of a small server: a job process waits, still
    queued, while the builds' lock is held (here by the test, as a running build would),
    then builds once it is free."""
    import fcntl

    database = tmp_path / "sendassure.sqlite3"
    env = {k: v for k, v in os.environ.items() if k != "SENDASSURE_REQUIRE_POSTGRESQL"}
    env.update(SENDASSURE_VAR=str(tmp_path), DATABASE_URL=f"sqlite:///{database}",
               DJANGO_SETTINGS_MODULE="sendassure.settings.base",
               SENDASSURE_PACK_DIR=str(tmp_path / "packs"))
    (tmp_path / "packs").mkdir()
    with open(tmp_path / "packs" / ".build.lock", "a+b") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        started = subprocess.run([sys.executable, "-c", SETUP], cwd=ROOT, env=env,
                                 capture_output=True, text=True, timeout=180)
        assert started.returncode == 0, started.stderr
        job_id = int(started.stdout.split()[0])
        time.sleep(8)  # long enough for the process to start and reach the lock

        def status():
            with sqlite3.connect(database, timeout=30) as db:
                return db.execute("SELECT status FROM jobs_packjob WHERE id = ?",
                                  (job_id,)).fetchone()[0]

        assert status() == "queued"
        fcntl.flock(lock, fcntl.LOCK_UN)
    deadline = time.monotonic() + 180
    while status() not in ("done", "failed") and time.monotonic() < deadline:
        time.sleep(0.2)
    assert status() == "done"
