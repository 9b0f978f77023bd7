"""Benchmark the SEN2 importer against the cost of merely parsing the same file.

Run from the checkout::

    .venv/bin/python bench/import_sen2.py [--scales kent,england]
        [--databases sqlite,postgresql] [--england-fraction F] [--profile]

What it does:

1. Builds the returns with the seeded synthetic generator into ``var/bench/data/``
   (reused when present):

   - **kent**: one year's return for LA 886 at Kent scale (``sen2_886_<year+1>.xml``);
   - **england**: ``generate_england`` writes one return per LA; the 153 returns (each
     LA at its published size times ``--england-fraction``) are joined into ONE SEN2
     file, ``sen2_england_<year+1>.xml``: the header of the first LA's return, then every
     LA's ``<Person>`` elements in LA order under one ``<Persons>``. The importer files
     all of them under that header's LEA; UPNs carry each LA's own code, so children of
     different LAs stay different people. The per-LA files are deleted once joined.

2. Measures the FLOOR: the time ``lxml.etree.iterparse`` takes to walk the same file
   touching every element (``for _, el in iterparse(path): el.clear()``), best of two,
   in this process, with the file already in the page cache. Elements are counted too.

3. Imports each return into a fresh database of each kind, each import in its own
   subprocess (this script with ``--worker``): a new SQLite file, or a PostgreSQL
   database ``sendassure_bench`` dropped and created again, migrated by
   ``sendassure migrate`` in another subprocess first. The worker times
   ``import_sen2`` alone (not Python or Django start-up) and reports its own peak RSS
   (``getrusage(RUSAGE_SELF).ru_maxrss``, which includes Django's baseline, shown too).

4. Prints the table and whether the issue's targets are met: the import within 4x the
   floor on SQLite; peak memory flat (England-scale peak within 1.3x Kent-scale's).

``--profile`` also runs one Kent-scale SQLite import under cProfile (for at most
``--profile-seconds``, default 30), after timing the read alone and read + rules alone,
and prints the top costs. ``--results-json F`` saves the measurements.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "var" / "bench" / "data"
CLI = Path(sys.executable).with_name("sendassure")
MODULES = ("person", "request", "assessment", "named_plan", "plan_detail", "active_plan",
           "placement", "sen_need")
FLOOR_TARGET = 4.0
MEMORY_TARGET = 1.3


def say(text: str) -> None:
    print(text, flush=True)


# ------------------------------------------------------------------------ the returns


def kent_return(year: int, seed: int) -> Path:
    from sendassure.synth import generate_area

    folder = DATA / f"kent-{year}-seed{seed}"
    path = folder / f"sen2_886_{year + 1}.xml"
    if not (folder / "done").exists():
        say(f"Generating the Kent-scale return for {year} into {folder} ...")
        shutil.rmtree(folder, ignore_errors=True)
        generate_area("886", [year], "kent", seed, folder)
        (folder / "done").write_text("")
    return path


def england_return(year: int, seed: int, fraction: float) -> Path:
    from sendassure.synth import generate_england

    folder = DATA / f"england-{year}-seed{seed}-f{fraction:g}"
    path = folder / f"sen2_england_{year + 1}.xml"
    if (folder / "done").exists():
        return path
    shutil.rmtree(folder, ignore_errors=True)
    parts = folder / "parts"
    say(f"Generating England-scale returns (fraction {fraction:g}) into {parts} ...")
    started = time.perf_counter()
    last = [0.0]

    def progress(done: int, total: int) -> None:
        if time.perf_counter() - last[0] > 5 or done == total:
            last[0] = time.perf_counter()
            say(f"  {done}/{total} LA returns written")

    files = generate_england([year], seed, parts, progress=progress, fraction=fraction)
    say(f"  generated in {time.perf_counter() - started:.0f} s; joining into {path.name}")
    join_returns(files, path)
    shutil.move(parts / "manifest.json", folder / "manifest.json")
    shutil.rmtree(parts)
    (folder / "done").write_text("")
    return path


def join_returns(files: list[Path], out: Path) -> None:
    """One SEN2 file: the first return's header, then every return's persons in order."""
    with open(out, "wb") as sink:
        for number, part in enumerate(files):
            data = part.read_bytes()
            start, end = data.find(b"<Persons>"), data.rfind(b"</Persons>")
            if number == 0:
                head = data[: start + len(b"<Persons>")] if start >= 0 else None
                if head is None:
                    head = data[: data.rfind(b"</Message>")] + b"<Persons>"
                sink.write(head)
            if start >= 0 and end > start:
                sink.write(data[start + len(b"<Persons>"): end])
        sink.write(b"</Persons>\n</Message>\n")


# --------------------------------------------------------------------------- the floor


def floor(path: Path) -> tuple[float, int]:
    """Seconds for iterparse to walk the file touching every element (best of 2)."""
    from lxml.etree import iterparse

    best, elements = float("inf"), 0
    for _ in range(2):
        started = time.perf_counter()
        count = 0
        for _, element in iterparse(str(path)):
            element.clear()
            count += 1
        best = min(best, time.perf_counter() - started)
        elements = count
    return best, elements


# ---------------------------------------------------------------------- the databases


class Database:
    """A fresh, migrated database of one kind, for one import."""

    def __init__(self, kind: str, postgres_url: str, workdir: Path) -> None:
        self.kind, self.postgres_url, self.workdir = kind, postgres_url.rstrip("/"), workdir

    def fresh(self) -> dict[str, str]:
        var = Path(tempfile.mkdtemp(prefix=f"bench-{self.kind}-", dir=self.workdir))
        if self.kind == "sqlite":
            url = f"sqlite:///{var / 'sendassure.sqlite3'}"
        else:
            import psycopg

            with psycopg.connect(f"{self.postgres_url}/postgres", autocommit=True) as conn:
                conn.execute("DROP DATABASE IF EXISTS sendassure_bench WITH (FORCE)")
                conn.execute("CREATE DATABASE sendassure_bench")
            url = f"{self.postgres_url}/sendassure_bench"
        # the importer alone: the fact table it refreshes is measured by bench/figures.py
        env = {**os.environ, "SENDASSURE_VAR": str(var), "DATABASE_URL": url,
               "DJANGO_SETTINGS_MODULE": "sendassure.settings.base", "FIGURES_FACTS": "0"}
        subprocess.run([str(CLI), "migrate"], env=env, check=True, stdout=subprocess.DEVNULL)
        return env

    def drop(self) -> None:
        if self.kind == "postgresql":
            import psycopg

            with psycopg.connect(f"{self.postgres_url}/postgres", autocommit=True) as conn:
                conn.execute("DROP DATABASE IF EXISTS sendassure_bench WITH (FORCE)")


def run_import(path: Path, env: dict[str, str], label: str) -> dict:
    """Import ``path`` in a subprocess; show its progress; return its measurements."""
    command = [sys.executable, str(Path(__file__).resolve()), "--worker", str(path)]
    result = None
    started = time.perf_counter()
    with subprocess.Popen(command, env=env, stdout=subprocess.PIPE, text=True) as child:
        last = 0.0
        for line in child.stdout:
            if line.startswith("result "):
                result = json.loads(line[len("result "):])
            elif line.startswith("progress ") and time.perf_counter() - last > 10:
                last = time.perf_counter()
                done, total = line.split()[1:3]
                say(f"  {label}: {done}/{total} persons, "
                    f"{time.perf_counter() - started:.0f} s")
    if child.returncode != 0 or result is None:
        raise SystemExit(f"the import worker for {label} failed (exit {child.returncode})")
    return result


def worker(path: Path) -> None:
    """Child process: import one file and print its measurements as ``result {json}``."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sendassure.settings.base")
    import django

    django.setup()
    from sendassure.ingest.importer import import_sen2

    baseline = _peak_mb()
    last = [0.0]

    def progress(done: int, total: int | None) -> None:
        if time.perf_counter() - last[0] > 1:
            last[0] = time.perf_counter()
            print(f"progress {done} {total or 0}", flush=True)

    started = time.perf_counter()
    report = import_sen2([path], progress=progress)
    seconds = time.perf_counter() - started
    read = {m: report.stored.get(m, 0) + report.quarantined.get(m, 0) for m in MODULES}
    print("result " + json.dumps({
        "status": report.status,
        "message": report.message,
        "seconds": seconds,
        "persons": read["person"],
        "requests": read["request"],
        "records": sum(read.values()),
        "issues": len(report.issues),
        "baseline_rss_mb": baseline,
        "peak_rss_mb": _peak_mb(),
    }), flush=True)


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


# ---------------------------------------------------------------------------- profile


def profile_worker(path: Path, seconds: float) -> None:
    """Child process: time read alone, read + rules alone, then cProfile the import."""
    import cProfile
    import pstats

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sendassure.settings.base")
    import django

    django.setup()
    from sendassure.ingest.importer import file_hash, import_sen2
    from sendassure.ingest.readers import open_return
    from sendassure.ingest.rules.checker import Checker

    started = time.perf_counter()
    file_hash([path])
    print(f"SHA-256 of the file:          {time.perf_counter() - started:6.2f} s")
    started = time.perf_counter()
    sen2 = open_return([path])
    persons = sum(1 for _ in sen2.persons)
    print(f"read only ({persons} persons): {time.perf_counter() - started:6.2f} s")
    started = time.perf_counter()
    sen2 = open_return([path])
    checker = Checker(sen2.header)
    issues = sum(len(checker.check(p)) for p in sen2.persons)
    print(f"read + rules ({issues} issues): {time.perf_counter() - started:6.2f} s")

    profiler = cProfile.Profile()
    deadline = time.perf_counter() + seconds

    def progress(done: int, total: int | None) -> None:
        if time.perf_counter() > deadline:
            profiler.disable()

    started = time.perf_counter()
    profiler.enable()
    report = import_sen2([path], progress=progress)
    profiler.disable()
    print(f"full import under cProfile ({report.status}): "
          f"{time.perf_counter() - started:6.2f} s (profiled for at most {seconds:g} s)")
    stats = pstats.Stats(profiler, stream=sys.stdout).strip_dirs()
    stats.sort_stats("tottime").print_stats(25)
    stats.sort_stats("cumulative").print_stats(40)


# ------------------------------------------------------------------------------- main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scales", default="kent,england")
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--england-fraction", type=float, default=1.0)
    parser.add_argument("--year", type=int, default=2024, help="calendar year of requests")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--postgres-url", default="postgresql://postgres@127.0.0.1:5432")
    parser.add_argument("--results-json", type=Path)
    parser.add_argument("--profile", action="store_true",
                        help="also cProfile one Kent-scale SQLite import")
    parser.add_argument("--profile-seconds", type=float, default=30.0)
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--profile-worker", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        return worker(args.worker)
    if args.profile_worker:
        return profile_worker(args.profile_worker, args.profile_seconds)

    os.environ.setdefault("SENDASSURE_VAR", str(ROOT / "var" / "bench"))
    scales = [s.strip() for s in args.scales.split(",") if s.strip()]
    kinds = [d.strip() for d in args.databases.split(",") if d.strip()]
    if set(scales) - {"kent", "england"} or set(kinds) - {"sqlite", "postgresql"}:
        parser.error("--scales takes kent,england and --databases sqlite,postgresql")
    files = {}
    for scale in scales:
        if scale == "kent":
            files[scale] = kent_return(args.year, args.seed)
        else:
            files[scale] = england_return(args.year, args.seed, args.england_fraction)

    floors = {}
    for scale, path in files.items():
        say(f"Floor for {scale} ({path.name}, {path.stat().st_size / 1e6:.0f} MB) ...")
        floors[scale] = floor(path)
        say(f"  {floors[scale][1]:,} elements in {floors[scale][0]:.2f} s")

    rows = []
    with tempfile.TemporaryDirectory(prefix="sendassure-bench-") as workdir:
        for scale, path in files.items():
            for kind in kinds:
                database = Database(kind, args.postgres_url, Path(workdir))
                say(f"Importing {scale} into a fresh {kind} database ...")
                env = database.fresh()
                result = run_import(path, env, f"{scale}/{kind}")
                database.drop()
                if kind == "sqlite":
                    shutil.rmtree(env["SENDASSURE_VAR"], ignore_errors=True)
                result.update(scale=scale, database=kind, floor_seconds=floors[scale][0],
                              elements=floors[scale][1], bytes=path.stat().st_size)
                result["ratio"] = result["seconds"] / floors[scale][0]
                say(f"  {result['status']} in {result['seconds']:.1f} s: {result['message']}")
                rows.append(result)

    print_table(rows, floors, files, args)
    verdicts = targets(rows)
    for line in verdicts:
        say(line)
    if args.results_json:
        args.results_json.write_text(json.dumps(
            {"provenance": provenance(), "england_fraction": args.england_fraction,
             "year": args.year, "seed": args.seed,
             "rows": rows, "targets": verdicts}, indent=2) + "\n")
    if args.profile and "kent" in files:
        with tempfile.TemporaryDirectory(prefix="sendassure-bench-") as workdir:
            env = Database("sqlite", args.postgres_url, Path(workdir)).fresh()
            say(f"\nProfiling a Kent-scale SQLite import (at most {args.profile_seconds:g} s)")
            subprocess.run([sys.executable, str(Path(__file__).resolve()), "--profile-worker",
                            str(files["kent"]), "--profile-seconds", str(args.profile_seconds)],
                           env=env, check=True)


def provenance() -> str:
    """The commit measured, and whether the importer's code differs from it."""
    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True)
        return done.stdout.strip()

    head = git("rev-parse", "--short", "HEAD") or "unknown"
    dirty = git("status", "--porcelain", "src/sendassure/ingest", "src/sendassure/casework")
    state = "uncommitted changes in ingest/casework" if dirty else "clean"
    return f"commit {head} ({state}), {os.cpu_count()} CPUs, {time.strftime('%Y-%m-%d %H:%M')}"


def print_table(rows: list[dict], floors: dict, files: dict, args) -> None:
    say("")
    say(provenance())
    for scale, (seconds, elements) in floors.items():
        size = files[scale].stat().st_size / 1e6
        extra = f" (fraction {args.england_fraction:g})" if scale == "england" else ""
        say(f"floor {scale}{extra}: {files[scale].name}, {size:.0f} MB, {elements:,} elements, "
            f"iterparse {seconds:.2f} s")
    header = ("scale", "database", "persons", "requests", "seconds", "records/s",
              "peak RSS MB", "x floor")
    widths = (8, 10, 9, 9, 8, 10, 12, 8)
    say("  ".join(h.rjust(w) for h, w in zip(header, widths, strict=True)))
    for r in rows:
        cells = (r["scale"], r["database"], f"{r['persons']:,}", f"{r['requests']:,}",
                 f"{r['seconds']:.1f}", f"{r['records'] / r['seconds']:,.0f}",
                 f"{r['peak_rss_mb']:.0f}", f"{r['ratio']:.1f}")
        say("  ".join(c.rjust(w) for c, w in zip(cells, widths, strict=True)))
    say("(peak RSS includes Django's baseline of about "
        f"{min(r['baseline_rss_mb'] for r in rows):.0f} MB)" if rows else "")


def targets(rows: list[dict]) -> list[str]:
    lines = []
    for r in rows:
        if r["database"] == "sqlite":
            met = r["ratio"] <= FLOOR_TARGET
            lines.append(f"target import within {FLOOR_TARGET:g}x floor on SQLite "
                         f"({r['scale']}): {r['ratio']:.1f}x -> {'MET' if met else 'NOT MET'}")
    by = {(r["scale"], r["database"]): r for r in rows}
    for kind in ("sqlite", "postgresql"):
        kent, england = by.get(("kent", kind)), by.get(("england", kind))
        if kent and england:
            ratio = england["peak_rss_mb"] / kent["peak_rss_mb"]
            met = ratio <= MEMORY_TARGET
            lines.append(f"target peak memory flat on {kind} (England within "
                         f"{MEMORY_TARGET:g}x Kent): {england['peak_rss_mb']:.0f} / "
                         f"{kent['peak_rss_mb']:.0f} MB = {ratio:.2f}x -> "
                         f"{'MET' if met else 'NOT MET'}")
    return lines


if __name__ == "__main__":
    main()
