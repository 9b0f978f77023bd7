"""Benchmark ``sendassure figures rebuild`` (the fact table) at Kent and England scale,
against a floor measured in the same run.

Run from the checkout::

    .venv/bin/python bench/figures.py [--scales kent,england] [--england-fraction F]
        [--years 2020-2024] [--seed N] [--results-json F]

What it does:

1. Prepares the same seeded synthetic returns and imported SQLite databases as
   ``bench/kpis.py`` (reused when present; imported with ``FIGURES_FACTS=0``, so no
   facts are stored yet), and copies each database to a temporary directory.
2. In a child process per scale, measures for every area with data:
   - **floor**: building the area's case frames from the database
     (``figures.inputs.build([la])``), the read every figure needs;
   - **rebuild**: ``figures.facts.rebuild()``: every area's facts, each in its own
     transaction (frames, every family for every period, every breakdown, disclosure
     control, and the writes);
   - **again**: a second rebuild, checking it stores exactly the same rows (idempotent).
3. Prints seconds, rows stored and the ratio rebuild / floor for each scale.

Nothing is timed inside a test.
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
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import kpis as prepared  # noqa: E402  (bench/kpis.py: the returns and databases)

CLI = Path(sys.executable).with_name("sendassure")


def say(text: str = "") -> None:
    print(text, flush=True)


def worker() -> None:
    """Child process: floor, rebuild and rebuild again on the database in the env."""
    import django

    django.setup()
    from sendassure.figures import facts
    from sendassure.figures.inputs import build
    from sendassure.figures.models import Fact
    from sendassure.figures.registry import STREAMS

    areas = STREAMS["sen2"].areas()
    started = time.perf_counter()
    for la in areas:
        build([la])
    floor = time.perf_counter() - started

    def snapshot():
        return sorted(Fact.objects.values_list("la", "family", "measure", "period",
                                               "breakdown", "value", "shown"))

    started = time.perf_counter()
    done = facts.rebuild()
    rebuild = time.perf_counter() - started
    first = snapshot()
    started = time.perf_counter()
    facts.rebuild()
    again = time.perf_counter() - started
    print(json.dumps({"areas": len(areas), "rows": sum(done.values()), "floor": floor,
                      "rebuild": rebuild, "again": again, "same": snapshot() == first}))


def measure(scale: str, files: list[Path]) -> dict:
    folder = prepared.prepared_frames(scale, files, rebuild=False)
    with tempfile.TemporaryDirectory(prefix="sendassure-figures-bench-") as tmp:
        database = Path(tmp) / "figures.sqlite3"
        shutil.copy(folder / "kpis.sqlite3", database)
        env = {**prepared.django_env(folder), "DATABASE_URL": f"sqlite:///{database}",
               "FIGURES_FACTS": "1"}
        subprocess.run([str(CLI), "migrate"], env=env, check=True, stdout=subprocess.DEVNULL)
        say(f"Rebuilding the {scale} fact table ...")
        done = subprocess.run([sys.executable, __file__, "--worker"], env=env, check=True,
                              capture_output=True, text=True)
        row = json.loads(done.stdout.strip().splitlines()[-1])
    row["scale"] = scale
    row["ratio"] = row["rebuild"] / row["floor"]
    say(f"  {scale}: {row['areas']} area(s), {row['rows']:,} figures; floor (frames) "
        f"{row['floor']:.1f} s, rebuild {row['rebuild']:.1f} s ({row['ratio']:.1f}x), "
        f"again {row['again']:.1f} s, identical: {row['same']}")
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--scales", default="kent,england")
    parser.add_argument("--england-fraction", type=float, default=0.05)
    parser.add_argument("--years", default="2020-2024")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--results-json", type=Path)
    args = parser.parse_args()
    if args.worker:
        return worker()
    years = prepared.parse_years(args.years)
    rows = []
    for scale in args.scales.split(","):
        files = prepared.returns(scale, years, args.seed, args.england_fraction)
        rows.append(measure(scale, files))
    say()
    say(prepared.provenance())
    say(f"{'scale':10} {'areas':>5} {'figures':>10} {'floor s':>8} {'rebuild s':>10} "
        f"{'ratio':>6} {'again s':>8} identical")
    for row in rows:
        say(f"{row['scale']:10} {row['areas']:>5} {row['rows']:>10,} {row['floor']:>8.1f} "
            f"{row['rebuild']:>10.1f} {row['ratio']:>6.1f} {row['again']:>8.1f} {row['same']}")
    if args.results_json:
        args.results_json.write_text(json.dumps(rows, indent=1) + "\n")


if __name__ == "__main__":
    os.chdir(prepared.ROOT)
    main()
