"""Benchmark the statutory measures and the dashboard's breakdowns against the cost of
reading the same frames from Parquet and doing one group-by, in the same run.

Run from the checkout::

    .venv/bin/python bench/kpis.py [--scales kent,england] [--england-fraction F]
        [--years 2020-2024] [--repeats 3] [--results-json F] [--rebuild]

What it does:

1. Builds five years of returns with the seeded synthetic generator into
   ``var/bench/data/`` (reused when present):

   - **kent**: ``generate_area("886", years, "kent", seed)``, one return a year;
   - **england**: ``generate_england(years, seed, fraction=F)``, one return per LA a year
     (153 LAs, each at its published size times ``--england-fraction``).

2. Imports them, oldest year first, through the real importer into a fresh SQLite
   database kept beside the returns (``kpis.sqlite3``, in a subprocess, with
   ``FIGURES_FACTS=0``: the fact table is not what is measured here; ``bench/figures.py``
   measures it), then builds the KPI engine's two frames exactly as the product does,
   ``sendassure.figures.inputs.build(None)`` (every area), in another
   subprocess, and keeps them as Parquet beside the database. Both steps are reused on
   later runs; ``--rebuild`` redoes them (e.g. after an importer change).

3. In this process, for each scale: writes both frames to Parquet in a temporary
   directory, then measures, each the best of ``--repeats`` (default 3):

   - **floor**: ``pl.read_parquet`` of both files (every column the measures read) and
     one group-by (requests counted by ``la`` and ``request_outcome``);
   - **statutory**: the same read, then every statutory family of the registry for the
     calendar year as known on 31 December (``figures.compute.result``, what the figures
     service runs) for each year. One ``sendassure kpis --year Y`` run = the read + one
     year; the target is judged on the slowest year. The five years together too;
   - **dashboard**: the same read, then timeliness for the last year broken down by
     every dimension in ``DIMENSIONS``, and for each of the last 36 months and each
     rolling 3 and 12 months ending in them.

4. Prints the table and whether the issue's targets are met: the statutory set (one
   year's run) within 3x the floor; growth (England time / Kent time) / (England records
   / Kent records) at most 1.2, where records = request rows + active plan rows.

Nothing is timed inside a test; these are ratios to a floor measured in the same run.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "var" / "bench" / "data"
CLI = Path(sys.executable).with_name("sendassure")
FLOOR_TARGET = 3.0
GROWTH_TARGET = 1.2
KENT = "886"


def say(text: str = "") -> None:
    print(text, flush=True)


def every(seconds: float):
    """A progress printer that speaks at most every ``seconds`` (and at the end)."""
    last = [0.0]

    def progress(label: str, done: int, total: int) -> None:
        if time.perf_counter() - last[0] > seconds or done == total:
            last[0] = time.perf_counter()
            say(f"  {label}: {done}/{total}")

    return progress


# ------------------------------------------------------------------------ the returns


def parse_years(text: str) -> list[int]:
    first, _, last = text.partition("-")
    return list(range(int(first), int(last or first) + 1))


def folder_for(scale: str, years: list[int], seed: int, fraction: float,
               data: Path = DATA, las: list[str] | None = None) -> Path:
    span = f"{years[0]}-{years[-1]}"
    if scale == "kent":
        return data / f"kpis-kent-{span}-seed{seed}"
    only = f"-la{'-'.join(las)}" if las else ""
    return data / f"kpis-england-{span}-seed{seed}-f{fraction:g}{only}"


def returns(scale: str, years: list[int], seed: int, fraction: float, data: Path = DATA,
            las: list[str] | None = None, progress=None) -> list[Path]:
    """The scale's returns, generated once into ``data`` (reused when present); oldest
    collection first, then by LA. ``las``: England's returns for those LAs only (every
    LA by default); ``progress(done, total)``: called after each file (instead of a
    printed line every 10 s). Also used by ``bench/load.py``."""
    from sendassure.synth import generate_area, generate_england

    folder = folder_for(scale, years, seed, fraction, data, las)
    if not (folder / "done").exists():
        shutil.rmtree(folder, ignore_errors=True)
        started = time.perf_counter()
        printed = every(10)

        def tick(label: str, done: int, total: int) -> None:
            (progress or (lambda d, t: printed(label, d, t)))(done, total)

        if scale == "kent":
            say(f"Generating Kent-scale returns {years[0]}-{years[-1]} into {folder} ...")
            generate_area(KENT, years, "kent", seed, folder,
                          progress=lambda d, t: tick("returns written", d, t))
        else:
            say(f"Generating England-scale returns {years[0]}-{years[-1]} "
                f"(fraction {fraction:g}) into {folder} ...")
            generate_england(years, seed, folder, fraction=fraction, la_codes=las,
                             progress=lambda d, t: tick("returns written", d, t))
        say(f"  generated in {time.perf_counter() - started:.0f} s")
        (folder / "done").write_text("")
    manifest = json.loads((folder / "manifest.json").read_text())
    files = [folder / f["path"] for f in manifest["files"]]
    # Collection year is in the name (sen2_<la>_<collection year>.xml): oldest first.
    return sorted(files, key=lambda p: (p.stem.rsplit("_", 1)[-1], p.stem))


# ------------------------------------------------------------- the database, the frames


def django_env(folder: Path) -> dict[str, str]:
    var = folder / "var"
    var.mkdir(exist_ok=True)
    return {**os.environ, "SENDASSURE_VAR": str(var),
            "DATABASE_URL": f"sqlite:///{folder / 'kpis.sqlite3'}",
            "DJANGO_SETTINGS_MODULE": "sendassure.settings.base",
            "FIGURES_FACTS": "0"}


def prepared_frames(scale: str, files: list[Path], rebuild: bool) -> Path:
    """Import the returns into the scale's own SQLite database and keep the frames as
    Parquet beside it; returns the folder holding ``requests.parquet`` and
    ``active_plans.parquet``."""
    folder = files[0].parent
    env = django_env(folder)
    if rebuild:
        for name in ("imported", "frames.json", "kpis.sqlite3", "kpis.sqlite3-wal",
                     "kpis.sqlite3-shm"):
            (folder / name).unlink(missing_ok=True)
    if not (folder / "imported").exists():
        for name in ("kpis.sqlite3", "kpis.sqlite3-wal", "kpis.sqlite3-shm"):
            (folder / name).unlink(missing_ok=True)
        subprocess.run([str(CLI), "migrate"], env=env, check=True, stdout=subprocess.DEVNULL)
        say(f"Importing {len(files)} {scale} returns into {folder / 'kpis.sqlite3'} ...")
        started = time.perf_counter()
        listing = folder / "import-order.txt"
        listing.write_text("".join(f"{p}\n" for p in files))
        run_child(["--import-worker", str(listing)], env, f"{scale} import")
        seconds = time.perf_counter() - started
        say(f"  imported in {seconds:.0f} s")
        (folder / "imported").write_text(json.dumps({"seconds": seconds,
                                                     "provenance": provenance()}))
        (folder / "frames.json").unlink(missing_ok=True)
    if not (folder / "frames.json").exists():
        say(f"Building the {scale} frames with case_frames(None) ...")
        run_child(["--frames-worker", str(folder)], env, f"{scale} frames")
    return folder


def run_child(arguments: list[str], env: dict[str, str], label: str) -> None:
    command = [sys.executable, str(Path(__file__).resolve()), *arguments]
    with subprocess.Popen(command, env=env, stdout=subprocess.PIPE, text=True) as child:
        for line in child.stdout:
            say(f"  {label}: {line.rstrip()}")
    if child.returncode != 0:
        raise SystemExit(f"the {label} worker failed (exit {child.returncode})")


def import_worker(listing: Path) -> None:
    """Child process: import each return listed, in order, through ``import_sen2``."""
    import django

    django.setup()
    from sendassure.ingest.importer import import_sen2

    files = [Path(line) for line in listing.read_text().splitlines() if line]
    started, last = time.perf_counter(), 0.0
    for number, path in enumerate(files, 1):
        report = import_sen2([path])
        if report.status == "rejected":
            raise SystemExit(f"{path.name} was rejected: {report.message}")
        if time.perf_counter() - last > 15 or number == len(files):
            last = time.perf_counter()
            print(f"{number}/{len(files)} returns ({path.name} {report.status}), "
                  f"{time.perf_counter() - started:.0f} s", flush=True)


def frames_worker(folder: Path) -> None:
    """Child process: ``case_frames(None)`` from the database, written as Parquet."""
    import django

    django.setup()
    from sendassure.figures.inputs import build

    started = time.perf_counter()
    data = build(None)
    seconds = time.perf_counter() - started
    data.requests.write_parquet(folder / "requests.parquet")
    data.active_plans.write_parquet(folder / "active_plans.parquet")
    info = {"case_frames_seconds": seconds, "requests": data.requests.height,
            "active_plans": data.active_plans.height,
            "las": data.requests["la"].n_unique(), "provenance": provenance()}
    (folder / "frames.json").write_text(json.dumps(info, indent=1) + "\n")
    print(f"{data.requests.height:,} requests and {data.active_plans.height:,} active plans "
          f"in {seconds:.0f} s", flush=True)


# ---------------------------------------------------------------------- measurements


def read_frames(where: Path):
    import polars as pl

    return (pl.read_parquet(where / "requests.parquet"),
            pl.read_parquet(where / "active_plans.parquet"))


def measure_floor(where: Path) -> float:
    import polars as pl

    started = time.perf_counter()
    requests, _plans = read_frames(where)
    requests.group_by("la", "request_outcome").agg(pl.len())
    return time.perf_counter() - started


def _knowledge(day: date):
    from sendassure.figures.compute import Knowledge
    from sendassure.figures.registry import DataCurrency

    return Knowledge(DataCurrency(None, day), day)


def measure_statutory(where: Path, years: list[int]) -> dict:
    from sendassure.figures import sen2  # noqa: F401  (registers the families)
    from sendassure.figures.compute import result
    from sendassure.figures.inputs import CaseFrames
    from sendassure.figures.registry import statutory_sections
    from sendassure.kpis.periods import calendar_year

    started = time.perf_counter()
    requests, plans = read_frames(where)
    data = CaseFrames(requests, plans)
    timings = {"read": time.perf_counter() - started}
    for year in years:
        started = time.perf_counter()
        known = _knowledge(date(year, 12, 31))
        for family in statutory_sections():
            result(family, data, calendar_year(year), known)
        timings[year] = time.perf_counter() - started
    return timings


def dashboard_calls(year: int) -> list[tuple[str, object]]:
    from sendassure.figures.compute import result, results_by_group
    from sendassure.figures.inputs import CaseFrames
    from sendassure.figures.registry import FAMILIES
    from sendassure.kpis import periods as P
    from sendassure.kpis.breakdowns import DIMENSIONS

    family = FAMILIES["timeliness"]
    known = _knowledge(date(year, 12, 31))
    last = date(year, 12, 31)
    first = P.add_months(date(year, 12, 1), -35)

    def over(kind):
        return lambda r: [result(family, CaseFrames(r, None), p, known)
                          for p in P.between(kind, first, last)]

    calls = [(f"by {dim}", lambda r, d=dim: results_by_group(
        family, CaseFrames(r, None), P.calendar_year(year), known, d)) for dim in DIMENSIONS]
    calls.append(("by month x36", over(P.MONTH)))
    calls.append(("rolling 3 x36", over(P.ROLLING_3)))
    calls.append(("rolling 12 x36", over(P.ROLLING_12)))
    return calls


def measure_dashboard(where: Path, year: int) -> dict:
    import polars as pl

    started = time.perf_counter()
    requests = pl.read_parquet(where / "requests.parquet")
    timings = {"read": time.perf_counter() - started}
    for label, call in dashboard_calls(year):
        started = time.perf_counter()
        call(requests)
        timings[label] = time.perf_counter() - started
    return timings


def measure_scale(scale: str, folder: Path, years: list[int], repeats: int) -> dict:
    """Floor, statutory and dashboard for one scale, each the best of ``repeats``."""
    requests, plans = read_frames(folder)
    row = {"scale": scale, "requests": requests.height, "active_plans": plans.height,
           "records": requests.height + plans.height, "las": requests["la"].n_unique(),
           "frames": json.loads((folder / "frames.json").read_text())}
    with tempfile.TemporaryDirectory(prefix="sendassure-kpis-bench-") as tmp:
        where = Path(tmp)
        requests.write_parquet(where / "requests.parquet")
        plans.write_parquet(where / "active_plans.parquet")
        row["parquet_mb"] = sum(p.stat().st_size for p in where.iterdir()) / 1e6
        del requests, plans
        floors, statutory, dashboard = [], [], []
        for repeat in range(1, repeats + 1):
            floors.append(measure_floor(where))
            statutory.append(measure_statutory(where, years))
            dashboard.append(measure_dashboard(where, years[-1]))
            floors.append(measure_floor(where))  # floor before and after: fair to both
            run = statutory[-1]["read"] + sum(statutory[-1][y] for y in years)
            board = sum(dashboard[-1].values())
            say(f"  {scale} repeat {repeat}/{repeats}: floor {min(floors[-2:]):.3f} s, "
                f"statutory x{len(years)} {run:.2f} s, dashboard {board:.2f} s")
    row["floor"] = min(floors)
    row["statutory_year"] = {y: min(s["read"] + s[y] for s in statutory) for y in years}
    row["statutory_compute_year"] = {y: min(s[y] for s in statutory) for y in years}
    row["statutory_all"] = min(s["read"] + sum(s[y] for y in years) for s in statutory)
    row["read_both"] = min(s["read"] for s in statutory)
    row["dashboard"] = min(sum(d.values()) for d in dashboard)
    row["dashboard_parts"] = {k: min(d[k] for d in dashboard) for k in dashboard[0]}
    row["statutory_worst"] = max(row["statutory_year"].values())
    for key in ("statutory_worst", "statutory_all", "dashboard"):
        row[f"{key}_ratio"] = row[key] / row["floor"]
    return row


# ------------------------------------------------------------------------------ report


def provenance() -> str:
    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True)
        return done.stdout.strip()

    head = git("rev-parse", "--short", "HEAD") or "unknown"
    dirty = git("status", "--porcelain", "src/sendassure/ingest", "src/sendassure/casework",
                "src/sendassure/kpis")
    state = "uncommitted changes in ingest/casework/kpis" if dirty else "clean"
    return f"commit {head} ({state}), {os.cpu_count()} CPUs, {time.strftime('%Y-%m-%d %H:%M')}"


def print_table(rows: list[dict], years: list[int], args) -> None:
    say()
    say(provenance())
    for r in rows:
        extra = f" (fraction {args.england_fraction:g})" if r["scale"] == "england" else ""
        say(f"{r['scale']}{extra}: {r['las']} LA(s), {r['requests']:,} requests + "
            f"{r['active_plans']:,} active plans = {r['records']:,} records, Parquet "
            f"{r['parquet_mb']:.0f} MB; case_frames from SQLite took "
            f"{r['frames']['case_frames_seconds']:.0f} s (not part of the measures)")
    header = ("scale", "floor s", "kpis 1 yr s", "x floor", f"kpis x{len(years)} s",
              "x floor", "dashboard s", "x floor")
    widths = (8, 8, 12, 8, 10, 8, 12, 8)
    say("  ".join(h.rjust(w) for h, w in zip(header, widths, strict=True)))
    for r in rows:
        cells = (r["scale"], f"{r['floor']:.3f}", f"{r['statutory_worst']:.3f}",
                 f"{r['statutory_worst_ratio']:.1f}", f"{r['statutory_all']:.2f}",
                 f"{r['statutory_all_ratio']:.1f}", f"{r['dashboard']:.2f}",
                 f"{r['dashboard_ratio']:.1f}")
        say("  ".join(c.rjust(w) for c, w in zip(cells, widths, strict=True)))
    say("kpis 1 yr = read both frames + statutory_measures for the slowest year; "
        f"kpis x{len(years)} = one read + all {len(years)} years")
    for r in rows:
        per_year = ", ".join(f"{y} {s:.3f}" for y, s in r["statutory_compute_year"].items())
        say(f"{r['scale']}: read both frames {r['read_both']:.3f} s; statutory compute alone "
            f"per year: {per_year}")
        parts = ", ".join(f"{k} {s:.3f}" for k, s in r["dashboard_parts"].items())
        say(f"{r['scale']}: dashboard parts (s): {parts}")


def targets(rows: list[dict]) -> list[str]:
    lines = []
    for r in rows:
        met = r["statutory_worst_ratio"] <= FLOOR_TARGET
        lines.append(f"target full statutory set within {FLOOR_TARGET:g}x floor ({r['scale']}): "
                     f"{r['statutory_worst_ratio']:.1f}x -> {'MET' if met else 'NOT MET'}")
    by = {r["scale"]: r for r in rows}
    if "kent" in by and "england" in by:
        kent, england = by["kent"], by["england"]
        records = england["records"] / kent["records"]
        for key, name in (("statutory_worst", "statutory set (1 year)"),
                          ("statutory_all", f"statutory set (x{len(kent['statutory_year'])})"),
                          ("dashboard", "dashboard breakdowns"), ("floor", "floor (reference)")):
            growth = (england[key] / kent[key]) / records
            verdict = "" if key == "floor" else (
                " -> MET" if growth <= GROWTH_TARGET else " -> NOT MET")
            lines.append(f"growth {name}: ({england[key]:.3f} / {kent[key]:.3f} s) / "
                         f"({england['records']:,} / {kent['records']:,} records) = "
                         f"{growth:.2f} (target <= {GROWTH_TARGET:g}){verdict}")
    return lines


# ------------------------------------------------------------------------------- main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scales", default="kent,england")
    parser.add_argument("--england-fraction", type=float, default=1.0)
    parser.add_argument("--years", default="2020-2024",
                        help="calendar years of the returns and of the measures")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--rebuild", action="store_true",
                        help="import again and rebuild the frames (returns are kept)")
    parser.add_argument("--results-json", type=Path)
    parser.add_argument("--import-worker", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--frames-worker", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.import_worker:
        return import_worker(args.import_worker)
    if args.frames_worker:
        return frames_worker(args.frames_worker)

    scales = [s.strip() for s in args.scales.split(",") if s.strip()]
    if set(scales) - {"kent", "england"}:
        parser.error("--scales takes kent,england")
    years = parse_years(args.years)
    folders = {}
    for scale in scales:
        files = returns(scale, years, args.seed, args.england_fraction)
        folders[scale] = prepared_frames(scale, files, args.rebuild)

    # The measures need casework.measures, which imports Django models: set Django up
    # on a throwaway database (nothing here touches a database).
    scratch = tempfile.mkdtemp(prefix="sendassure-kpis-var-")
    os.environ.update(SENDASSURE_VAR=scratch, DATABASE_URL=f"sqlite:///{scratch}/unused.db",
                      DJANGO_SETTINGS_MODULE="sendassure.settings.base")
    import django

    django.setup()
    rows = []
    for scale, folder in folders.items():
        say(f"Measuring {scale} (best of {args.repeats}) ...")
        rows.append(measure_scale(scale, folder, years, args.repeats))
    shutil.rmtree(scratch, ignore_errors=True)

    print_table(rows, years, args)
    verdicts = targets(rows)
    for line in verdicts:
        say(line)
    if args.results_json:
        args.results_json.write_text(json.dumps(
            {"provenance": provenance(), "england_fraction": args.england_fraction,
             "years": years, "seed": args.seed, "repeats": args.repeats,
             "rows": rows, "targets": verdicts}, indent=2, default=str) + "\n")


if __name__ == "__main__":
    main()
