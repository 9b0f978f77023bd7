"""How long a SEN2 import holds SQLite's write lock, against how long it runs (ADR 0011).

Run from the checkout::

    .venv/bin/python bench/import_write_lock.py [--scale kent] [--seed 1]
        [--before SRC_DIR] [--no-facts]

Writes one seeded synthetic return (``var/bench/write-lock/``, reused when present),
migrates a fresh SQLite database, then runs ``sendassure import sen2`` in a subprocess
while this process tries ``BEGIN IMMEDIATE`` (then ``ROLLBACK``) on the same file every
20 ms: each failed try is a moment the import held the write lock, when any other
writer (a failed sign-in, a sign-out, an audited page view) would have had to wait.
``--before SRC_DIR`` also runs the import from another source tree (e.g. ``git archive
COMMIT src | tar -x -C /tmp/old`` then ``--before /tmp/old/src``) to compare.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "var" / "bench" / "write-lock"
CLI = str(Path(sys.executable).with_name("sendassure"))
TICK = 0.02


def measure(label: str, xml: Path, src: str | None, facts: bool) -> None:
    var = OUT / f"var-{label}"
    shutil.rmtree(var, ignore_errors=True)
    var.mkdir(parents=True)
    database = var / "sendassure.sqlite3"
    env = {**os.environ, "SENDASSURE_VAR": str(var), "DATABASE_URL": f"sqlite:///{database}",
           "DJANGO_SETTINGS_MODULE": "sendassure.settings.base",
           "FIGURES_FACTS": "1" if facts else "0"}
    env.pop("PYTHONPATH", None)
    if src:
        env["PYTHONPATH"] = src
    subprocess.run([CLI, "migrate"], env=env, check=True, capture_output=True)
    probe = sqlite3.connect(database, timeout=0, isolation_level=None)
    held: list[float] = []
    started = time.monotonic()
    importing = subprocess.Popen([CLI, "import", "sen2", str(xml)], env=env, text=True,
                                 stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    while importing.poll() is None:
        moment = time.monotonic()
        try:
            probe.execute("BEGIN IMMEDIATE")
            probe.execute("ROLLBACK")
        except sqlite3.OperationalError:
            held.append(moment - started)
        time.sleep(TICK)
    total = time.monotonic() - started
    output = importing.stdout.read()
    probe.close()
    if "STORED" not in output:
        raise SystemExit(output[-3000:])
    span = f"from {held[0]:.1f} s to {held[-1]:.1f} s" if held else "never seen"
    print(f"{label:>14}: import command {total:5.1f} s; write lock held about "
          f"{len(held) * TICK:5.1f} s ({span})", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", default="kent")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--before", help="another source tree's src/ to compare with")
    parser.add_argument("--no-facts", action="store_true", help="FIGURES_FACTS=0")
    args = parser.parse_args()
    data = OUT / f"data-{args.scale}-{args.seed}"
    if not list(data.glob("*.xml")):
        sys.path.insert(0, str(ROOT / "src"))
        from sendassure.synth import generate_area

        scale = float(args.scale) if args.scale.replace(".", "").isdigit() else args.scale
        generate_area("886", [2024], scale, args.seed, data)
    [xml] = sorted(data.glob("*.xml"))
    print(f"{xml.name}: {xml.stat().st_size / 2**20:.0f} MB", flush=True)
    if args.before:
        measure("before", xml, args.before, not args.no_facts)
    measure("this tree", xml, None, not args.no_facts)


if __name__ == "__main__":
    main()
