"""Load and soak test of the production server with Locust (``bench/locustfile.py``).

Run from the checkout::

    .venv/bin/python bench/load.py [--users 50] [--run-time 120] [--soak-minutes 0]
        [--data demo|small] [--database-url URL] [--workers 4] [--threads 4]
        [--max-requests N] [--results-json F]

1. Prepares a new database in a temporary directory (SQLite, or ``--database-url``,
   which must be empty): ``--data demo`` is ``sendassure demo --no-serve`` (the
   synthetic Kent-like area, five years, imported through the real importer, and its
   plan); ``--data small`` only the Kent example plan (for the tests' smoke; with no
   records, its API journey's figure has no value, but the query is the same). Adds an
   analyst of the area and an API token for it.
2. Starts ``sendassure serve --production`` (gunicorn, production settings) on a free
   port of 127.0.0.1, behind a pretend TLS proxy (``X-Forwarded-Proto: https``).
3. Runs Locust headless: ``--users`` users, each signing in through the form, then
   going round the dashboard, a plan area, the worklist and the API's figures, with a
   static page (``/accessibility/``, rendered through the same middleware) requested as
   often: the baseline measured in the same run.
4. Reports, per journey, requests, errors, p50 and p95, and p95 as a ratio of the static
   page's p95 (the target: within 3x); with ``--soak-minutes``, the server's memory
   (resident set of gunicorn and its workers) sampled every 10 s after a minute's
   warm-up, and its growth from the first sample to the last (the target: flat).
"""

from __future__ import annotations

import argparse
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

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
CLI = str(BIN / "sendassure")
PASSWORD = "load-test-password-not-for-real-use"
BASELINE = "static page (baseline)"
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
    sendassure(env, "users", "add", "load-analyst", "--role", "analyst", "--area", "886",
               "--password", PASSWORD)
    token = sendassure(env, "tokens", "add", "load-analyst").strip().splitlines()[-1]
    area = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); from sendassure.plan.models "
         "import AreaOfWeakness as A; print(A.objects.order_by('pk').first().pk)"],
        env=env, capture_output=True, text=True, check=True, timeout=300).stdout.strip()
    return {"LOAD_API_PATH": API_PATH, "LOAD_USERNAME": "load-analyst",
            "LOAD_PASSWORD": PASSWORD, "LOAD_TOKEN": token, "LOAD_PLAN_AREA": area}


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
    with tempfile.TemporaryDirectory(prefix="sendassure-load-") as folder:
        var = Path(folder) / "var"
        var.mkdir()
        env = environment(var, args.database_url)
        started = time.monotonic()
        load_env = prepare(env, args.data)
        prepared_s = round(time.monotonic() - started, 1)
        port = free_port()
        log = open(var / "server.log", "w+")  # noqa: SIM115
        server = subprocess.Popen(
            [CLI, "serve", "--production", "--address", f"127.0.0.1:{port}",
             "--workers", str(args.workers), "--threads", str(args.threads)],
            env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        samples: list[tuple[float, int]] = []
        try:
            wait_for(port, server)
            run_time = args.run_time + 60 * args.soak_minutes
            prefix = var / "locust"
            locust = subprocess.Popen(
                [str(BIN / "locust"), "-f", str(ROOT / "bench/locustfile.py"), "--headless",
                 "-u", str(args.users), "-r", str(args.spawn_rate), "-t", f"{run_time}s",
                 "--host", f"http://127.0.0.1:{port}", "--csv", str(prefix),
                 "--only-summary", "--loglevel", "WARNING"],
                env={**env, **load_env, "LOAD_MAX_REQUESTS": str(args.max_requests or 0)},
                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            begun = time.monotonic()
            while locust.poll() is None:
                time.sleep(1 if not args.soak_minutes else 10)
                if args.soak_minutes and time.monotonic() - begun > 60:
                    samples.append((round(time.monotonic() - begun), memory_kb(server.pid)))
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
        result = {"users": args.users, "run_time_s": run_time, "data": args.data,
                  "engine": "postgresql" if args.database_url else "sqlite",
                  "workers": args.workers, "threads": args.threads,
                  "prepared_s": prepared_s, "journeys": stats}
        if samples:
            first, last = samples[0][1], samples[-1][1]
            result["memory"] = {"first_kb": first, "last_kb": last,
                                "growth_pct": round(100 * (last - first) / first, 1),
                                "samples": samples}
        return result


def report(result: dict) -> None:
    print(f"{result['users']} users, {result['run_time_s']} s, {result['engine']}, "
          f"data {result['data']}, {result['workers']} workers x {result['threads']} threads")
    print(f"{'journey':28} {'requests':>9} {'errors':>7} {'p50 ms':>8} {'p95 ms':>8} "
          f"{'p95/static':>10}")
    for name, e in sorted(result["journeys"].items()):
        print(f"{name:28} {e['requests']:9} {e['errors']:7} {e['p50_ms']:8.0f} "
              f"{e['p95_ms']:8.0f} {e['p95_vs_static'] or 0:10.2f}")
    if "memory" in result:
        m = result["memory"]
        print(f"memory: {m['first_kb'] / 1024:.0f} MiB after warm-up, "
              f"{m['last_kb'] / 1024:.0f} MiB at the end ({m['growth_pct']:+.1f}%)")


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--spawn-rate", type=float, default=10)
    parser.add_argument("--run-time", type=int, default=120, help="seconds")
    parser.add_argument("--soak-minutes", type=int, default=0)
    parser.add_argument("--data", choices=["demo", "small"], default="demo")
    parser.add_argument("--database-url")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--max-requests", type=int, default=0)
    parser.add_argument("--results-json", type=Path)
    parser.add_argument("--show-failures", action="store_true")
    args = parser.parse_args(argv)
    result = run(args)
    report(result)
    if args.results_json:
        args.results_json.write_text(json.dumps(result, indent=1))
    return result


if __name__ == "__main__":
    main()
