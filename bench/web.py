"""Benchmark the timeliness dashboard under 16 concurrent clients against a static page
of the same site, in the same run.

Run from the checkout (after ``bench/kpis.py`` has prepared its databases)::

    .venv/bin/python bench/web.py [--database PATH] [--area CODE] [--clients 16]
        [--requests 20] [--rounds 3] [--no-facts] [--results-json F]

What it does:

1. Copies a prepared SQLite database with imported returns into a temporary directory
   (the server writes sessions into it; the original stays as it was). By default the
   England-scale database of ``bench/kpis.py`` (every LA, five years), else its
   Kent-scale one. Migrates the copy (``sendassure migrate``).
2. Stores the area's figures in the fact table as an import would
   (``sendassure.figures.facts.refresh(area)``: ``bench/kpis.py`` imports with
   ``FIGURES_FACTS=0``), unless ``--no-facts``, which measures pages computed on demand.
   The time the refresh took is shown. The server then renders the default page once
   per process from the stored figures (the warm-up) and keeps it for the same data.
3. Creates an analyst for the area (``sendassure users add``) and starts the app with
   ``sendassure serve --address 127.0.0.1:PORT`` (Django's threaded development server,
   one process: the only server the project ships; no WSGI server is installed).
4. Each of ``--clients`` threads signs in through the ``/sign-in/`` form (its own
   session, cookies and CSRF token handled by hand over ``http.client``), fetches each
   page once untimed (warm-up; the very first dashboard request is timed on its own
   as "cold"), then, all threads released together, requests the page ``--requests``
   times over its own keep-alive connection, as a browser would (opened again when the
   server closes it), reading the whole body and checking the status
   is 200 and the page is the one asked for. Pages measured, each in turn:

   - ``/dashboard/timeliness/`` (the area's default view);
   - ``/accessibility/``: a static page rendered through the same middleware (session
     saved on every request, like the dashboard), the baseline the target uses;
   - ``/static/sendassure/app.css``: a static file served by WhiteNoise (shown too).

   The client sets ``TCP_QUICKACK`` on its socket after sending each request. Without
   it, every small response stalls about 40 ms on loopback: the development server
   writes the status line, headers and body in separate small ``send`` calls with Nagle's
   algorithm on, and the client's delayed ACK holds the second one back (a 0.2 KB CSS
   file takes 44 ms instead of 0.3 ms). That stall is the server's, not the page's, and
   would hide the cost being measured; ``--delayed-ack`` shows it.

   ``--rounds`` rounds (default 3) of the three, interleaved (the order rotates each
   round); each latency figure is the best (lowest) of the rounds.
5. Prints p50 / p95 per page and round, and whether the target is met: p95 of the
   dashboard within 3x p95 of the static page.
6. With ``--pack-builds N`` (issue 10: "pack builds run while 16 clients browse"), a
   last phase: N more signed-in clients each build the review pack of the area's plan
   (all three formats) through the web, as a user does (``POST`` the build form, then
   follow the job's page until it is ready), over and over, while the clients request
   the dashboard and then the static page ``--requests`` times each. Reported: p95 of
   each under the builds, as a ratio to the static page's p95 measured without builds
   in the rounds above (the floor); the builds finished and how long each took. The
   database needs a plan for the area (e.g. the demo's: ``SENDASSURE_VAR=DIR
   sendassure demo --no-serve``, then ``--database DIR/sendassure.sqlite3``).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "var" / "bench" / "data"
CLI = Path(sys.executable).with_name("sendassure")
TARGET = 3.0
QUICKACK = hasattr(socket, "TCP_QUICKACK")  # --delayed-ack turns it off
USER = "bench-analyst"
PASSWORD = "bench-password-not-for-real-use"
DASHBOARD = "/dashboard/timeliness/"
PAGE = "/accessibility/"
ASSET = "/static/sendassure/app.css"
EXPECT = {DASHBOARD: b"Timeliness of new EHC plans", PAGE: b"Accessibility statement",
          ASSET: b"{"}


def say(text: str = "") -> None:
    print(text, flush=True)


# -------------------------------------------------------------------------- the setup


def default_database() -> Path:
    for pattern in ("kpis-england-*/kpis.sqlite3", "kpis-kent-*/kpis.sqlite3"):
        found = sorted(DATA.glob(pattern))
        found = [p for p in found if (p.parent / "imported").exists()]
        if found:
            return found[0]
    raise SystemExit("No prepared database: run bench/kpis.py first, or pass --database")


def copy_database(source: Path, workdir: Path) -> Path:
    """A consistent copy through SQLite's backup API (a WAL left behind is included)."""
    import sqlite3

    target = workdir / "sendassure.sqlite3"
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst, pages=65536)
    src.close()
    dst.close()
    return target


def setup_worker(area: str, facts: bool) -> None:
    """Child process: store the area's figures in the fact table, as an import would."""
    import django

    django.setup()
    from django.db import transaction

    from sendassure.figures.facts import refresh
    from sendassure.ingest.models import ImportRun

    if not facts:
        print("facts: skipped (--no-facts); figures are computed on demand")
        return
    if not ImportRun.objects.filter(la=area).exists():
        raise SystemExit(f"no import for area {area} in this database")
    started = time.perf_counter()
    with transaction.atomic():
        stored = refresh(area)
    print(f"facts: {stored} figures stored for {area} in {time.perf_counter() - started:.1f} s")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    def __init__(self, env: dict[str, str], port: int, log: Path) -> None:
        self.port = port
        self.log = open(log, "wb")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            [str(CLI), "serve", "--address", f"127.0.0.1:{port}"],
            env=env, stdout=self.log, stderr=subprocess.STDOUT)

    def wait(self, seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"the server stopped (exit {self.process.returncode})")
            try:
                probe = Client(self.port)
                status, _, _ = probe.get(PAGE)
                probe.close()
                if status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.5)
        raise SystemExit("the server did not answer within a minute")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


# ------------------------------------------------------------------------- the client


class Client:
    """One browser: its own cookies and one keep-alive loopback connection (opened again
    whenever the server closes it), as a browser tab would."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}
        self.connection: http.client.HTTPConnection | None = None
        self.sizes: dict[str, int] = {}

    def request(self, method: str, path: str, body: str | None = None):
        headers = {"Host": f"127.0.0.1:{self.port}"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://127.0.0.1:{self.port}{path}"
        for attempt in (1, 2):
            reused = self.connection is not None
            if self.connection is None:
                self.connection = http.client.HTTPConnection("127.0.0.1", self.port,
                                                             timeout=300)
            try:
                self.connection.request(method, path, body=body, headers=headers)
                if QUICKACK:  # see the docstring: no 40 ms delayed-ACK stall
                    self.connection.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 1)
                response = self.connection.getresponse()
                data = response.read()
            except (http.client.RemoteDisconnected, ConnectionError):
                self.close()
                if reused and attempt == 1:
                    continue  # the server had closed the idle connection: open a new one
                raise
            break
        if response.will_close:
            self.close()
        for header in response.msg.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return response.status, response.getheader("Location"), data

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None

    def get(self, path: str):
        return self.request("GET", path)

    def sign_in(self, user: str, password: str) -> None:
        status, _, page = self.get(f"/sign-in/?next={DASHBOARD}")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        if status != 200 or token is None:
            found = "found" if token else "missing"
            raise RuntimeError(f"sign-in form: status {status}, token {found}")
        form = urlencode({"csrfmiddlewaretoken": token.group(1).decode(), "next": DASHBOARD,
                          "username": user, "password": password})
        status, location, _ = self.request("POST", "/sign-in/", form)
        if status != 302 or location != DASHBOARD:
            raise RuntimeError(f"signing in failed: status {status}, location {location}")

    def timed(self, path: str) -> float:
        started = time.perf_counter()
        status, location, data = self.get(path)
        seconds = time.perf_counter() - started
        self.sizes[path] = len(data)
        if status != 200 or EXPECT[path] not in data:
            raise RuntimeError(f"{path}: status {status} (location {location}), "
                               f"{len(data)} bytes")
        return seconds


def drive(clients: list[Client], path: str, count: int) -> tuple[list[float], float]:
    """Every client requests ``path`` ``count`` times, all starting together."""
    gate = threading.Barrier(len(clients) + 1)
    latencies: list[list[float]] = [[] for _ in clients]
    failures: list[BaseException] = []

    def work(client: Client, sink: list[float]) -> None:
        gate.wait()
        try:
            for _ in range(count):
                sink.append(client.timed(path))
        except BaseException as error:  # reported by the main thread
            failures.append(error)

    threads = [threading.Thread(target=work, args=(c, s)) for c, s in zip(clients, latencies,
                                                                         strict=True)]
    for thread in threads:
        thread.start()
    gate.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    if failures:
        raise SystemExit(f"a client failed on {path}: {failures[0]}")
    return [s for sink in latencies for s in sink], wall


class Builder(threading.Thread):
    """A user who builds the review pack again and again until told to stop: the form
    posted, then the job's page followed (every 0.5 s) until the pack is ready."""

    def __init__(self, client: Client) -> None:
        super().__init__(daemon=True)
        self.client = client
        self.stop = threading.Event()
        self.took: list[float] = []
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            status, _, page = self.client.get("/plan/")
            found = re.search(rb'href="/plan/(\d+)/"', page)
            if status != 200 or found is None:
                raise RuntimeError(f"no plan for the area (status {status}): see --pack-builds")
            form = f"/plan/{found.group(1).decode()}/review-pack/"
            while not self.stop.is_set():
                started = time.perf_counter()
                _, _, page = self.client.get(form)
                token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
                body = urlencode([("csrfmiddlewaretoken", token.group(1).decode()),
                                  ("format", "pdf"), ("format", "html"), ("format", "xlsx")])
                status, job, _ = self.client.request("POST", form, body)
                if status != 302 or "/jobs/" not in (job or ""):
                    raise RuntimeError(f"building the pack: status {status}, location {job}")
                while True:
                    time.sleep(0.5)
                    status, _, page = self.client.get(job)
                    if b'data-app-pack-job="finished"' in page:
                        break
                if b'data-app-status="done"' not in page:
                    raise RuntimeError(f"the pack build at {job} did not finish")
                self.took.append(time.perf_counter() - started)
        except BaseException as error:  # reported by the main thread
            self.error = error


def under_builds(port: int, clients: list[Client], builders: int, count: int) -> dict:
    """p95 of the dashboard and the static page while ``builders`` users build packs."""
    crew = []
    for _ in range(builders):
        client = Client(port)
        client.sign_in(USER, PASSWORD)
        crew.append(Builder(client))
    for builder in crew:
        builder.start()
    time.sleep(2)  # the first builds under way
    found = {}
    try:
        for path in (DASHBOARD, PAGE):
            latencies, wall = drive(clients, path, count)
            found[path] = summary(latencies, wall)
    finally:
        for builder in crew:
            builder.stop.set()
        for builder in crew:
            builder.join(600)
            builder.client.close()
    if failed := next((b.error for b in crew if b.error), None):
        raise SystemExit(f"a pack build failed: {failed}")
    took = [t for b in crew for t in b.took]
    found["builds"] = {"finished": len(took), "seconds": took}
    return found


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * share // 100))
    return ordered[int(rank) - 1]


def summary(latencies: list[float], wall: float) -> dict:
    return {"n": len(latencies), "p50": percentile(latencies, 50),
            "p95": percentile(latencies, 95), "max": max(latencies),
            "mean": statistics.fmean(latencies), "per_second": len(latencies) / wall}


# ------------------------------------------------------------------------------- main


def provenance() -> str:
    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True)
        return done.stdout.strip()

    head = git("log", "-1", "--format=%h %s") or "unknown"
    dirty = git("status", "--porcelain", "src/sendassure")
    state = "uncommitted changes under src/" if dirty else "clean"
    return f"commit {head[:80]} ({state}), {os.cpu_count()} CPUs, {time.strftime('%Y-%m-%d %H:%M')}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database", type=Path, help="prepared SQLite file (default: the "
                        "England-scale database of bench/kpis.py, else its Kent one)")
    parser.add_argument("--area", default="886", help="the analyst's LA code")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--requests", type=int, default=20, help="per client, per page, per round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--no-facts", action="store_true",
                        help="do not store the fact tables: pages are computed on demand")
    parser.add_argument("--delayed-ack", action="store_true",
                        help="leave the client's delayed ACKs on (shows the 40 ms stall)")
    parser.add_argument("--pack-builds", type=int, default=0, metavar="N",
                        help="then measure again while N users build review packs")
    parser.add_argument("--results-json", type=Path)
    parser.add_argument("--setup-worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    global QUICKACK
    QUICKACK = QUICKACK and not args.delayed_ack
    if args.setup_worker:
        return setup_worker(args.setup_worker, not args.no_facts)

    source = args.database or default_database()
    say(provenance())
    results = {"provenance": provenance(), "database": str(source), "area": args.area,
               "quickack": QUICKACK,
               "clients": args.clients, "requests": args.requests, "rounds": args.rounds,
               "server": "sendassure serve (Django runserver, threaded, one process)"}
    with tempfile.TemporaryDirectory(prefix="sendassure-web-bench-") as tmp:
        workdir = Path(tmp)
        say(f"Copying {source} ({source.stat().st_size / 1e6:.0f} MB) ...")
        database = copy_database(source, workdir)
        env = {**os.environ, "SENDASSURE_VAR": str(workdir),
               "DATABASE_URL": f"sqlite:///{database}",
               "DJANGO_SETTINGS_MODULE": "sendassure.settings.base",
               "SENDASSURE_PASSWORD": PASSWORD, "LOG_LEVEL": "ERROR"}
        env.pop("DEBUG", None)
        subprocess.run([str(CLI), "migrate"], env=env, check=True, stdout=subprocess.DEVNULL)
        command = [sys.executable, str(Path(__file__).resolve()), "--setup-worker", args.area]
        if args.no_facts:
            command.append("--no-facts")
        setup = subprocess.run(command, env=env, check=True, capture_output=True, text=True)
        results["facts"] = setup.stdout.strip()
        say(results["facts"])
        subprocess.run([str(CLI), "users", "add", USER, "--role", "analyst", "--area",
                        args.area], env=env, check=True, stdout=subprocess.DEVNULL)
        port = free_port()
        server = Server(env, port, workdir / "server.log")
        clients: list[Client] = []
        try:
            server.wait()
            say(f"Server up on 127.0.0.1:{port}; signing in {args.clients} clients ...")
            clients = [Client(port) for _ in range(args.clients)]
            for client in clients:
                client.sign_in(USER, PASSWORD)
            results["cold"] = clients[0].timed(DASHBOARD)
            say(f"  first dashboard request (cold, one client): {results['cold']:.3f} s")
            for client in clients:
                for path in (DASHBOARD, PAGE, ASSET):
                    client.timed(path)
            rounds = []
            for number in range(1, args.rounds + 1):
                found = {}
                order = (DASHBOARD, PAGE, ASSET)
                for path in order[number % 3:] + order[:number % 3]:  # rotated each round
                    latencies, wall = drive(clients, path, args.requests)
                    found[path] = summary(latencies, wall)
                rounds.append(found)
                say(f"  round {number}/{args.rounds}: " + "; ".join(
                    f"{p} p50 {found[p]['p50'] * 1000:.0f} ms p95 {found[p]['p95'] * 1000:.0f} ms"
                    for p in order))
            if args.pack_builds:
                say(f"  pack builds: {args.pack_builds} user(s) building while "
                    f"{args.clients} clients browse ...")
                results["pack_builds"] = under_builds(port, clients, args.pack_builds,
                                                      args.requests)
        finally:
            for client in clients:
                client.close()
            server.stop()
    results["rounds"] = rounds
    best = {p: {k: min(r[p][k] for r in rounds) for k in ("p50", "p95")}
            for p in (DASHBOARD, PAGE, ASSET)}
    results["best"] = best
    say()
    say(f"database: {source} (copy); area {args.area}; {args.clients} clients x "
        f"{args.requests} requests per page per round; {args.rounds} rounds")
    say(f"server: {results['server']}; client TCP_QUICKACK {'on' if QUICKACK else 'off'}")
    sizes = results["bytes"] = clients[0].sizes
    say(f"{'page':>30}  {'p50 ms':>8}  {'p95 ms':>8}  {'req/s':>7}  {'KB':>6}  (best of "
        "rounds; req/s of the best round)")
    for path in (DASHBOARD, PAGE, ASSET):
        rate = max(r[path]["per_second"] for r in rounds)
        say(f"{path:>30}  {best[path]['p50'] * 1000:8.1f}  {best[path]['p95'] * 1000:8.1f}  "
            f"{rate:7.1f}  {sizes[path] / 1000:6.1f}")
    ratio = best[DASHBOARD]["p95"] / best[PAGE]["p95"]
    asset = best[DASHBOARD]["p95"] / best[ASSET]["p95"]
    per_round = ", ".join(f"{r[DASHBOARD]['p95'] / r[PAGE]['p95']:.1f}" for r in rounds)
    verdict = "MET" if ratio <= TARGET else "NOT MET"
    results["ratio"], results["ratio_asset"] = ratio, asset
    results["target"] = (f"target p95 dashboard within {TARGET:g}x p95 of {PAGE}: "
                         f"{ratio:.1f}x (rounds: {per_round}) -> {verdict}")
    say(results["target"])
    say(f"(against the static file {ASSET}: {asset:.1f}x)")
    if args.pack_builds:
        during = results["pack_builds"]
        floor = best[PAGE]["p95"]
        took = during["builds"]["seconds"]
        say(f"while {args.pack_builds} user(s) built review packs (PDF, HTML, XLSX): "
            f"{during['builds']['finished']} builds finished"
            + (f", {min(took):.1f}-{max(took):.1f} s each" if took else ""))
        for path in (DASHBOARD, PAGE):
            say(f"{path:>30}  p50 {during[path]['p50'] * 1000:.1f} ms  p95 "
                f"{during[path]['p95'] * 1000:.1f} ms  = {during[path]['p95'] / floor:.1f}x "
                "the static page's p95 without builds")
        ratio = during[DASHBOARD]["p95"] / floor
        results["pack_builds"]["ratio"] = ratio
        results["pack_builds"]["target"] = (
            f"target p95 of pages during pack builds within {TARGET:g}x p95 of {PAGE} "
            f"(without builds): dashboard {ratio:.1f}x, static page "
            f"{during[PAGE]['p95'] / floor:.1f}x -> "
            f"{'MET' if max(ratio, during[PAGE]['p95'] / floor) <= TARGET else 'NOT MET'}")
        say(results["pack_builds"]["target"])
    if args.results_json:
        args.results_json.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
