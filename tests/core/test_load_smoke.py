"""A short, bounded smoke of the load test (``bench/load.py`` with Locust): a few users
sign in and go round every journey against the production server on 127.0.0.1, with no
error, and each journey's p95 is reported as a ratio of the static page's from the same
run (the figures themselves are in bench/RESULTS.md: never timed here)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
JOURNEYS = {"sign in (form)", "sign in", "dashboard", "plan area", "worklist", "API figures",
            "static page (baseline)"}


def test_the_load_test_runs_every_journey_without_error(tmp_path):
    out = tmp_path / "load.json"
    env = {k: v for k, v in os.environ.items()
           if k not in ("DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")}
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench/load.py"), "--data", "small", "--users", "3",
         "--spawn-rate", "3", "--run-time", "20", "--max-requests", "45", "--workers", "1",
         "--threads", "2", "--results-json", str(out), "--show-failures"],
        env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    journeys = json.loads(out.read_text())["journeys"]
    assert JOURNEYS <= journeys.keys(), done.stdout
    for name in JOURNEYS:
        assert journeys[name]["requests"] > 0, name
        assert journeys[name]["errors"] == 0, (name, done.stdout)
    assert journeys["static page (baseline)"]["p95_vs_static"] == 1.0
    assert all(journeys[n]["p95_vs_static"] > 0 for n in JOURNEYS)
    assert journeys["Aggregated"]["requests"] <= 45 + 3 * 2  # bounded (a few in flight)
