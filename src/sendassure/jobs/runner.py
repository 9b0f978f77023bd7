"""Build a review pack as a background job: ``start`` hands a queued job to a separate,
low-priority process (``sendassure pack run-job ID``), so the build's CPU time (the
figures, the charts, WeasyPrint) is not spent under the web server's GIL; ``run_job``
is what that process runs.

On SQLite the job reads in autocommit (WAL: readers never wait for a writer nor hold
one up) and writes only its own row, one short statement per step, never holding the
write lock across the build (ADR 0011).
"""

from __future__ import annotations

import fcntl
import logging
import os
import subprocess
import sys
import threading
import traceback
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from .models import FORMATS, PackJob

log = logging.getLogger(__name__)
WRITING = {"pdf": "Writing the PDF", "html": "Writing the web page",
           "xlsx": "Writing the spreadsheet"}
# builds of the same plan and review whose files are kept: older ones' files are removed
# when a newer build finishes (the job's row stays: who asked, when, how it ended)
KEEP = 3


def jobs_root() -> Path:
    return Path(settings.PACK_JOBS_ROOT)


def command(job_id: int) -> list[str]:
    """The command that runs a job: the ``sendassure`` beside this Python if there is
    one (a virtual environment), else the same CLI through this interpreter."""
    cli = Path(sys.executable).with_name("sendassure")
    if cli.exists():
        return [str(cli), "pack", "run-job", str(job_id)]
    return [sys.executable, "-c", "from sendassure.cli.main import app; app()",
            "pack", "run-job", str(job_id)]


def database_url() -> str | None:
    """This process's database as a ``DATABASE_URL`` for the job's process (the same
    database, whatever the environment says), or None for an in-memory one, which no
    other process can open."""
    from urllib.parse import quote

    from django.db import connection

    db = connection.settings_dict
    name = str(db["NAME"])
    if connection.vendor == "sqlite":
        return None if name == ":memory:" or "mode=memory" in name else f"sqlite:///{name}"
    credentials = quote(db["USER"] or "", safe="") + (
        ":" + quote(db["PASSWORD"], safe="") if db["PASSWORD"] else "")
    host = db["HOST"] or "localhost"
    return (f"postgres://{credentials}{'@' if credentials else ''}{host}"
            f"{':' + str(db['PORT']) if db['PORT'] else ''}/{quote(name, safe='')}")


def start(job: PackJob) -> subprocess.Popen | threading.Thread:
    """Run the job in its own process, detached from the request (its own session, so a
    restart of the server does not stop it), its output appended to a log beside its
    files. The process lowers its own priority (``os.nice``) before it starts work.
    An in-memory database (the browser tests) cannot be shared with a process: there,
    the job runs in a thread of this one."""
    url = database_url()
    if url is None:
        thread = threading.Thread(target=_in_thread, args=(job.pk,), daemon=True,
                                  name=f"pack-job-{job.pk}")
        thread.start()
        return thread
    root = jobs_root()
    root.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "DATABASE_URL": url, "SENDASSURE_PACK_DIR": str(root),
           "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE",
                                                    "sendassure.settings.base")}
    with open(root / f"job-{job.pk}.log", "ab") as out:
        return subprocess.Popen(command(job.pk), stdin=subprocess.DEVNULL, stdout=out,
                                stderr=subprocess.STDOUT, start_new_session=True,
                                close_fds=True, env=env)


@contextmanager
def one_build_at_a_time():
    """Hold the pack builds' lock (an exclusive ``flock`` on a file beside the jobs'
    files) while a build runs: on a small server two builds at once take every CPU the
    pages need, so a second one waits, still queued, until the first ends. The lock goes
    with the process, so a build that dies never holds the others back."""
    root = jobs_root()
    root.mkdir(parents=True, exist_ok=True)
    with open(root / ".build.lock", "a+b") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _in_thread(job_id: int) -> None:
    from django.db import connection

    try:
        run_job(job_id)
    finally:
        connection.close()


def _update(job_id: int, **fields) -> None:
    """One short write of the job's own row (autocommit: the lock is held for just it)."""
    PackJob.objects.filter(pk=job_id).update(**fields)


def build_files(plan, review: date, formats: list[str], directory: Path, name: str,
                progress=None) -> dict[str, Path]:
    """Build the pack once and write it in each format to ``directory/name.<format>``;
    ``progress(done, total, label)`` is told of each area and each format."""
    from sendassure.reports.output import write
    from sendassure.reports.review_pack import build_pack

    areas = plan.areas.count()
    total = 1 + areas + len(formats)

    def report(done: int, label: str) -> None:
        if progress:
            progress(done, total, label)

    report(0, "Working out the figures")
    pack = build_pack(plan, review, progress=lambda done, _, label: report(1 + done, label))
    directory.mkdir(parents=True, exist_ok=True)
    written = {}
    for number, fmt in enumerate(formats):
        report(1 + areas + number, WRITING[fmt])
        target = directory / f"{name}.{fmt}"
        partial = target.with_name(f".{target.name}.part{target.suffix}")
        write(pack, partial)  # a reader never sees a half-written file
        partial.replace(target)
        written[fmt] = target
    report(total, "Done")
    return written


def run_job(job_id: int) -> PackJob:
    """Build a queued job's pack, recording its progress and its end (done, or failed
    with the error); returns the job as it ended. A job already started is left alone."""
    claimed = PackJob.objects.filter(pk=job_id, status=PackJob.State.QUEUED).update(
        status=PackJob.State.RUNNING, started_at=timezone.now(),
        step_label="Starting", error="")
    job = PackJob.objects.select_related("plan").get(pk=job_id)
    if not claimed:
        return job
    directory = jobs_root() / str(job.pk)

    def progress(done: int, total: int, label: str) -> None:
        _update(job.pk, steps_done=done, steps_total=total, step_label=label[:200])

    try:
        formats = [f for f in job.format_list if f in FORMATS]
        if not formats:
            raise ValueError("no format was chosen")
        build_files(job.plan, job.review_date, formats, directory,
                    job.filename("x").removesuffix(".x"), progress)
    except Exception as error:  # recorded for the user; the traceback goes to the log
        traceback.print_exc()
        message = f"{type(error).__name__}: {error}"[:2000]
        _update(job.pk, status=PackJob.State.FAILED, error=message,
                finished_at=timezone.now())
        log.warning("pack job %s failed: %s", job.pk, message)
    else:
        _update(job.pk, status=PackJob.State.DONE, output_dir=str(directory),
                finished_at=timezone.now(), step_label="Done")
        prune(job)
    job.refresh_from_db()
    return job


def prune(job: PackJob, keep: int = KEEP) -> list[int]:
    """Remove the files of the same plan and review's finished builds older than the
    ``keep`` newest (done or failed), and their logs; their rows stay, with no files.
    Returns the jobs whose files went. Only folders under the jobs' root are removed."""
    import shutil

    root = jobs_root().resolve()
    finished = PackJob.objects.filter(
        plan_id=job.plan_id, review_date=job.review_date,
        status__in=(PackJob.State.DONE, PackJob.State.FAILED)).order_by("-created_at", "-id")
    removed = []
    for old in finished[keep:]:
        folder = (root / str(old.pk)).resolve()
        if folder.parent == root and folder.is_dir():
            shutil.rmtree(folder, ignore_errors=True)
        (root / f"job-{old.pk}.log").unlink(missing_ok=True)
        if old.output_dir:
            _update(old.pk, output_dir="")
        removed.append(old.pk)
    return removed
