"""Load and soak test of the production server with Locust (``bench/locustfile.py``).

Run from the checkout::

    .venv/bin/python bench/load.py [--users 50] [--run-time 120] [--soak-minutes 0]
        [--data demo|small|england] [--database-url URL] [--workers 4] [--threads 4]
        [--max-requests N] [--results-json F]
    # England scale on PostgreSQL (prepared once, reused by later runs):
    .venv/bin/python bench/load.py --data england \
        --database-url postgres://postgres@127.0.0.1:5432/sendassure_load [--prepare-only]
        [--years 2024] [--england-fraction 1] [--england-las 886,...] [--prepared-dir D]

1. Prepares a new database in a temporary directory (SQLite, or ``--database-url``,
   which must be empty): ``--data demo`` is ``sendassure demo --no-serve`` (the
   synthetic Kent-like area, five years, imported through the real importer, and its
   plan); ``--data small`` only the Kent example plan (for the tests' smoke; with no
   records, its API journey's figure has no value, but the query is the same). Adds an
   analyst of the area and an API token for it.

   ``--data england`` prepares a database **once** and reuses it: in ``--prepared-dir``
   (default ``/tmp/sendassure-load/<database name>``: the returns, the server's
   ``SENDASSURE_VAR`` and ``prepared.json``, the mark that the database is ready) it
   creates the PostgreSQL database if missing, migrates, generates England's returns
   with ``bench/kpis.py``'s generator (``generate_england``: one return per LA per year
   in ``--years``, each LA at its published size times ``--england-fraction``; one
   collection year of every LA is England's case data), imports them through the real
   importer in a child process (Kent, 886, first; a rich progress bar; resumable: the
   returns already imported are listed in ``imported.txt``) with ``FIGURES_FACTS=1``, so
   each import refreshes its area's stored figures as in production and the dashboards
   read them; then the Kent example plan, the analyst of 886 and its token, as above.
   Without ``--database-url`` it is a SQLite file in the prepared folder (the tests'
   smoke, one LA at a small fraction). ``--prepare-only`` stops there (run it in the
   background first: England takes a while).
2. Starts ``sendassure serve --production`` (gunicorn, production settings) on a free
   port of 127.0.0.1, behind a pretend TLS proxy (``X-Forwarded-Proto: https``).
3. Runs Locust headless: ``--users`` users, each signing in through the form, then
   going round the dashboard, a plan area, the worklist and the API's figures, with a
   static page (``/accessibility/``, rendered through the same middleware) requested as
   often: the baseline measured in the same run.
4. Reports, per journey, requests, errors, p50 and p95, and p95 as a ratio of the static
   page's p95 (the target: within 3x); with ``--soak-minutes``, the server's memory
   (resident set of gunicorn and its workers) sampled every ``--sample-every`` s (10)
   after ``--warm-up`` s (60), its growth from the first sample to the last, and the
   slope of the last 10 minutes (MiB a minute, least squares) against the first 10:
   levelling off is a last-10-minute slope near 0 (the target: flat).
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
CLI = str(BIN / "sendassure")
PASSWORD = "load-test-password-not-for-real-use"
BASELINE = "static page (baseline)"
KENT = "886"  # the journeys' area: its analyst signs in; imported first
# The API journey: a figure needs a period (year=YYYY or period=KEY); the first recorded
# runs asked without one and every request got 400. With no records (--data small) the
# same query answers 200 with no value.
API_PATH = "/api/v1/figures?measure=pc_plans_issued_within_20_weeks&area=886&year=2024"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def environment(var: Path, database_url: str | None) -> dict[str, str]:
    return {**os.environ, "SENDASSURE_VAR": str(var),
            "DATABASE_URL": database_url or f"sqlite:///{var / 'sendassure.sqlite3'}",
            "DJANGO_SETTINGS_MODULE": "sendassure.settings.production",
            "SECRET_KEY": "load-test-only-" + "k" * 50, "ALLOWED_HOSTS": "localhost",
            "AXES_FAILURE_LIMIT": "1000"}


def sendassure(env, *args) -> str:
    done = subprocess.run([CLI, *args], env=env, capture_output=True, text=True,
                          timeout=3600)
    if done.returncode:
        raise SystemExit(f"sendassure {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return done.stdout


def prepare(env, data: str) -> dict[str, str]:
    sendassure(env, "migrate")
    if data == "demo":
        sendassure(env, "demo", "--no-serve")
    else:
        sendassure(env, "plan", "import", str(ROOT / "src/sendassure/plan/data/"
                                               "kent-example.yaml"))
    return prepare_users(env)


# ------------------------------------------------------------ England, prepared once


def prepared_dir(args) -> Path:
    if args.prepared_dir:
        return args.prepared_dir
    name = urlsplit(args.database_url).path.strip("/") if args.database_url else "sqlite"
    return Path(tempfile.gettempdir()) / "sendassure-load" / name


def create_database(url: str) -> None:
    """Create the PostgreSQL database of ``url`` when it does not exist."""
    import psycopg

    parts = urlsplit(url)
    name = parts.path.strip("/")
    with psycopg.connect(host=parts.hostname, port=parts.port or 5432,
                         user=parts.username, password=parts.password, dbname="postgres",
                         autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s",
                                  (name,)).fetchone():
            connection.execute(f'CREATE DATABASE "{name}"')


def england_wanted(args) -> dict:
    return {"database_url": args.database_url, "years": args.years, "seed": args.seed,
            "fraction": args.england_fraction, "las": args.england_las or "all"}


def prepare_england(args, folder: Path, env) -> dict[str, str]:
    """Prepare the England-scale database once (see the docstring); later runs with the
    same options read ``prepared.json`` and reuse it."""
    sys.path.insert(0, str(ROOT / "bench"))
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    import kpis  # bench/kpis.py: the seeded England returns

    console = Console()
    mark = folder / "prepared.json"
    wanted = england_wanted(args)
    if mark.exists():
        done = json.loads(mark.read_text())
        if done["wanted"] == wanted:
            console.print(f"Reusing the England database prepared in {folder} "
                          f"({done['records']})")
            return done["load_env"]
        raise SystemExit(f"{folder} was prepared for {done['wanted']}, not {wanted}: "
                         "use another --prepared-dir or database")
    started = time.monotonic()
    if args.database_url:
        create_database(args.database_url)
    console.print("Migrating ...")
    sendassure(env, "migrate")
    years = kpis.parse_years(args.years)
    las = [c.strip() for c in args.england_las.split(",")] if args.england_las else None
    with Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=console) as bar:
        task = bar.add_task("Generating England's returns", total=None)
        files = kpis.returns("england", years, args.seed, args.england_fraction,
                             data=folder / "returns", las=las,
                             progress=lambda d, t: bar.update(task, completed=d, total=t))
    # Kent first: the journeys' area is usable while the rest imports
    files.sort(key=lambda p: (p.stem.rsplit("_", 2)[-2] != KENT, p.stem.rsplit("_", 1)[-1],
                              p.stem))
    listing = folder / "import-order.txt"
    listing.write_text("".join(f"{p}\n" for p in files))
    worker = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--import-worker",
                             str(listing), "--imported", str(folder / "imported.txt")],
                            env={**env, "FIGURES_FACTS": "1"}, timeout=4 * 3600)
    if worker.returncode:
        raise SystemExit(f"the import worker failed (exit {worker.returncode})")
    imported_s = round(time.monotonic() - started, 1)
    sendassure(env, "plan", "import", str(ROOT / "src/sendassure/plan/data/kent-example.yaml"))
    load_env = prepare_users(env)
    records = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); from sendassure.casework."
         "models import Person, ActivePlan as A; from sendassure.figures.models import Fact;"
         " print(f'{Person.objects.values(\"la\").distinct().count()} LAs, "
         "{Person.objects.count():,} persons, {A.objects.count():,} active plans, "
         "{Fact.objects.count():,} stored figures')"],
        env=env, capture_output=True, text=True, check=True, timeout=1800).stdout.strip()
    mark.write_text(json.dumps({"wanted": wanted, "records": records, "load_env": load_env,
                                "returns": len(files), "imported_s": imported_s,
                                "prepared_s": round(time.monotonic() - started, 1)},
                               indent=1))
    console.print(f"Prepared in {time.monotonic() - started:.0f} s: {records}")
    return load_env


def prepare_users(env) -> dict[str, str]:
    sendassure(env, "users", "add", "load-analyst", "--role", "analyst", "--area", KENT,
               "--password", PASSWORD)
    token = sendassure(env, "tokens", "add", "load-analyst").strip().splitlines()[-1]
    area = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); from sendassure.plan.models "
         "import AreaOfWeakness as A; print(A.objects.order_by('pk').first().pk)"],
        env=env, capture_output=True, text=True, check=True, timeout=300).stdout.strip()
    return {"LOAD_API_PATH": API_PATH, "LOAD_USERNAME": "load-analyst",
            "LOAD_PASSWORD": PASSWORD, "LOAD_TOKEN": token, "LOAD_PLAN_AREA": area}


def import_worker(listing: Path, imported: Path) -> None:
    """Child process: import each return listed, in order, through ``import_sen2`` (the
    real importer; each import refreshes its area's figures), skipping those already in
    ``imported`` (a run that stopped half way resumes), with a progress bar."""
    import django

    django.setup()
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    from sendassure.ingest.importer import import_sen2

    console = Console()
    files = [Path(line) for line in listing.read_text().splitlines() if line]
    done = set(imported.read_text().splitlines()) if imported.exists() else set()
    started = time.monotonic()
    with Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), TimeRemainingColumn(), console=console) as bar:
        task = bar.add_task("Importing returns", total=len(files), completed=len(done))
        for path in files:
            if str(path) in done:
                continue
            began = time.monotonic()
            report = import_sen2([path])
            if report.status == "rejected":
                raise SystemExit(f"{path.name} was rejected: {report.message}")
            with imported.open("a") as handle:
                handle.write(f"{path}\n")
            bar.advance(task)
            console.log(f"{path.name} {report.status} in {time.monotonic() - began:.0f} s "
                        f"({time.monotonic() - started:.0f} s in all)")


def memory_kb(pid: int) -> int:
    """Resident set of a process and all its descendants, in KiB."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += int(re.search(r"VmRSS:\s+(\d+)", status).group(1))
            for task in Path(f"/proc/{current}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, AttributeError):
            continue
    return total


def wait_for(port: int, server, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while True:
        if server.poll() is not None:
            raise SystemExit("the server stopped before it answered")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise SystemExit("the server did not start in time") from None
            time.sleep(0.3)


def read_stats(prefix: Path) -> dict[str, dict]:
    with open(f"{prefix}_stats.csv", newline="") as handle:
        rows = {r["Name"]: r for r in csv.DictReader(handle)}
    found = {}
    for name, row in rows.items():
        found[name] = {"requests": int(row["Request Count"]),
                       "errors": int(row["Failure Count"]),
                       "p50_ms": float(row["50%"] or 0), "p95_ms": float(row["95%"] or 0)}
    base = found.get(BASELINE, {}).get("p95_ms") or 0
    for entry in found.values():
        entry["p95_vs_static"] = round(entry["p95_ms"] / base, 2) if base else None
    return found


def run(args) -> dict:
    with contextlib.ExitStack() as stack:
        if args.data == "england":
            folder = prepared_dir(args)
        else:
            folder = Path(stack.enter_context(
                tempfile.TemporaryDirectory(prefix="sendassure-load-")))
        var = folder / "var"
        var.mkdir(parents=True, exist_ok=True)
        env = environment(var, args.database_url)
        started = time.monotonic()
        if args.data == "england":
            load_env = prepare_england(args, folder, env)
        else:
            load_env = prepare(env, args.data)
        prepared_s = round(time.monotonic() - started, 1)
        if args.prepare_only:
            return {"prepared_s": prepared_s, "folder": str(folder)}
        port = free_port()
        log = open(var / "server.log", "w+")  # noqa: SIM115
        server = subprocess.Popen(
            [CLI, "serve", "--production", "--address", f"127.0.0.1:{port}",
             "--workers", str(args.workers), "--threads", str(args.threads)],
            env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        samples: list[tuple[float, int]] = []
        try:
            wait_for(port, server)
            run_time = round(args.run_time + 60 * args.soak_minutes)
            prefix = var / "locust"
            locust = subprocess.Popen(
                [str(BIN / "locust"), "-f", str(ROOT / "bench/locustfile.py"), "--headless",
                 "-u", str(args.users), "-r", str(args.spawn_rate), "-t", f"{run_time}s",
                 "--host", f"http://127.0.0.1:{port}", "--csv", str(prefix),
                 "--only-summary", "--loglevel", "WARNING"],
                env={**env, **load_env, "LOAD_MAX_REQUESTS": str(args.max_requests or 0)},
                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            begun = time.monotonic()
            load_before = os.getloadavg()
            while locust.poll() is None:
                time.sleep(1 if not args.soak_minutes else args.sample_every)
                elapsed = time.monotonic() - begun
                if args.soak_minutes and elapsed > args.warm_up and locust.poll() is None:
                    samples.append((round(elapsed), memory_kb(server.pid),
                                    len(processes(server.pid))))
                    if len(samples) % max(1, round(60 / args.sample_every)) == 1:
                        print(f"  {elapsed / 60:.0f} min: server RSS "
                              f"{samples[-1][1] / 1024:.0f} MiB in {samples[-1][2]} "
                              f"processes, load {os.getloadavg()[0]:.1f}", flush=True)
            load_after = os.getloadavg()
            output = locust.stdout.read()
            if locust.returncode not in (0, 1):  # 1: some requests failed, reported below
                raise SystemExit(f"locust failed ({locust.returncode}):\n{output[-3000:]}")
            stats = read_stats(prefix)
            failures = Path(f"{prefix}_failures.csv")
            if failures.exists() and args.show_failures:
                print(failures.read_text()[:3000])
        finally:
            if server.poll() is None:
                os.killpg(server.pid, 15)
                server.wait(timeout=60)
            log.close()
        result = {"users": args.users, "spawn_rate": args.spawn_rate, "run_time_s": run_time,
                  "data": args.data, "engine": "postgresql" if args.database_url else "sqlite",
                  "workers": args.workers, "threads": args.threads,
                  "prepared_s": prepared_s, "load_average": {
                      "before": [round(x, 2) for x in load_before],
                      "after": [round(x, 2) for x in load_after]},
                  "server_log": server_log_summary(var / "server.log"), "journeys": stats}
        if args.data == "england":
            result["prepared"] = json.loads((folder / "prepared.json").read_text())["records"]
        if samples:
            result["memory"] = memory_summary(samples)
        return result


def processes(pid: int) -> list[int]:
    """A process and all its descendants."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        try:
            for task in Path(f"/proc/{current}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
        found.append(current)
    return found


def slope_mib_per_min(points: list) -> float:
    """Least-squares slope of (seconds, KiB) points, in MiB a minute."""
    if len(points) < 2:
        return 0.0
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    var = sum((x - mx) ** 2 for x in xs)
    return round(sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / var
                 * 60 / 1024, 2) if var else 0.0


def memory_summary(samples: list, window: int = 600) -> dict:
    """Growth from the first sample (after warm-up) to the last, and whether it levels
    off: the slope of the first and of the last ``window`` seconds."""
    first, last = samples[0][1], samples[-1][1]
    start, end = samples[0][0], samples[-1][0]
    head = [s for s in samples if s[0] <= start + window]
    tail = [s for s in samples if s[0] >= end - window]
    return {"first_kb": first, "last_kb": last, "min_kb": min(s[1] for s in samples),
            "max_kb": max(s[1] for s in samples),
            "growth_pct": round(100 * (last - first) / first, 1),
            "last_window_growth_pct": round(100 * (last - tail[0][1]) / tail[0][1], 1),
            "window_s": window, "slope_first_mib_per_min": slope_mib_per_min(head),
            "slope_last_mib_per_min": slope_mib_per_min(tail),
            "processes": sorted({s[2] for s in samples}), "samples": samples}


def server_log_summary(path: Path) -> dict:
    """Status classes of the server's access log and its error lines (worker timeouts,
    tracebacks): where to look when a journey has errors."""
    counts: dict[str, int] = {}
    errors = []
    for line in path.read_text(errors="replace").splitlines():
        status = re.search(r'" (\d)\d\d ', line)
        if status:
            counts[f"{status.group(1)}xx"] = counts.get(f"{status.group(1)}xx", 0) + 1
        elif re.search(r"\[(ERROR|CRITICAL)\]|Traceback|WORKER TIMEOUT", line):
            errors.append(line[:300])
    return {"status": counts, "error_lines": len(errors), "first_errors": errors[:5]}


def report(result: dict) -> None:
    print(f"{result['users']} users, {result['run_time_s']} s, {result['engine']}, "
          f"data {result['data']}, {result['workers']} workers x {result['threads']} threads")
    print(f"{'journey':28} {'requests':>9} {'errors':>7} {'p50 ms':>8} {'p95 ms':>8} "
          f"{'p95/static':>10}")
    for name, e in sorted(result["journeys"].items()):
        print(f"{name:28} {e['requests']:9} {e['errors']:7} {e['p50_ms']:8.0f} "
              f"{e['p95_ms']:8.0f} {e['p95_vs_static'] or 0:10.2f}")
    print(f"server log: {result['server_log']['status']}, "
          f"{result['server_log']['error_lines']} error lines; load average "
          f"{result['load_average']['before']} before, {result['load_average']['after']} after")
    for line in result["server_log"]["first_errors"]:
        print(f"  {line}")
    if "memory" in result:
        m = result["memory"]
        minutes = m["window_s"] // 60
        print(f"memory: {m['first_kb'] / 1024:.0f} MiB after warm-up, "
              f"{m['last_kb'] / 1024:.0f} MiB at the end ({m['growth_pct']:+.1f}%), "
              f"min {m['min_kb'] / 1024:.0f}, max {m['max_kb'] / 1024:.0f}; slope "
              f"{m['slope_first_mib_per_min']:+.2f} MiB/min over the first {minutes} min, "
              f"{m['slope_last_mib_per_min']:+.2f} over the last {minutes} "
              f"({m['last_window_growth_pct']:+.1f}%); processes {m['processes']}")


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--spawn-rate", type=float, default=10)
    parser.add_argument("--run-time", type=int, default=120, help="seconds")
    parser.add_argument("--soak-minutes", type=float, default=0)
    parser.add_argument("--warm-up", type=int, default=60, help="seconds before the "
                        "first memory sample")
    parser.add_argument("--sample-every", type=float, default=10, help="seconds")
    parser.add_argument("--data", choices=["demo", "small", "england"], default="demo")
    parser.add_argument("--database-url")
    parser.add_argument("--prepared-dir", type=Path, help="--data england: where the "
                        "returns, the mark and the server's var live")
    parser.add_argument("--prepare-only", action="store_true")
    parser.add_argument("--years", default="2024", help="--data england: calendar years")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--england-fraction", type=float, default=1.0)
    parser.add_argument("--england-las", help="--data england: only these LAs (comma "
                        "separated; default every LA)")
    parser.add_argument("--import-worker", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--imported", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--max-requests", type=int, default=0)
    parser.add_argument("--results-json", type=Path)
    parser.add_argument("--show-failures", action="store_true")
    args = parser.parse_args(argv)
    if args.import_worker:
        return import_worker(args.import_worker, args.imported)
    result = run(args)
    if args.prepare_only:
        return result
    report(result)
    if args.results_json:
        args.results_json.write_text(json.dumps(result, indent=1))
    return result


if __name__ == "__main__":
    main()
