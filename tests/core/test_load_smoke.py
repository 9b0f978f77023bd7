"""A short, bounded smoke of the load test (``bench/load.py`` with Locust): a few users
sign in and go round every journey against the production server on 127.0.0.1, with no
error, and each journey's p95 is reported as a ratio of the static page's from the same
run (the figures themselves are in bench/RESULTS.md: never timed here)."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ..api.test_api import area, get, token_for  # noqa: F401 (area: a fixture)

ROOT = Path(__file__).resolve().parents[2]
JOURNEYS = {"sign in (form)", "sign in", "dashboard", "plan area", "worklist", "API figures",
            "static page (baseline)"}


def test_the_load_test_runs_every_journey_without_error(tmp_path):
    out = tmp_path / "load.json"
    # Bounded by --max-requests (it stops after about 45); the run time only caps a
    # saturated machine, where slow sign-ins left a 20 s run with a journey never asked.
    env = {k: v for k, v in os.environ.items()
           if k not in ("DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")}
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench/load.py"), "--data", "small", "--users", "3",
         "--spawn-rate", "3", "--run-time", "60", "--max-requests", "45", "--workers", "1",
         "--threads", "2", "--results-json", str(out), "--show-failures",
         # the soak's memory sampling too (a second, from the first second)
         "--soak-minutes", "0.5", "--warm-up", "1", "--sample-every", "1"],
        env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    result = json.loads(out.read_text())
    journeys = result["journeys"]
    assert result["memory"]["samples"] and result["memory"]["first_kb"] > 0, done.stdout
    assert JOURNEYS <= journeys.keys(), done.stdout
    for name in JOURNEYS:
        assert journeys[name]["requests"] > 0, name
        assert journeys[name]["errors"] == 0, (name, done.stdout)
    assert journeys["static page (baseline)"]["p95_vs_static"] == 1.0
    assert all(journeys[n]["p95_vs_static"] > 0 for n in JOURNEYS)
    assert journeys["Aggregated"]["requests"] <= 45 + 3 * 2  # bounded (a few in flight)


def bench_api_path() -> str:
    return load_module().API_PATH


@pytest.mark.django_db
@pytest.mark.parametrize("records", [False, True], ids=["no records", "records"])
def test_the_load_tests_api_query_is_a_good_request(client, make_user, records, request):
    """The API journey asked for a figure with no period and got 400 on every request; its
    query must be one the API answers, with the small data set and with records."""
    if records:
        request.getfixturevalue("area")
    path, _, query = bench_api_path().partition("?")
    assert path == "/api/v1/figures"
    response = get(client, token_for(make_user, "analyst"), path,
                   **dict(part.split("=", 1) for part in query.split("&")))
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["measure"] == "pc_plans_issued_within_20_weeks" and body["area"] == "886"
    assert (body["value"] is not None) == records


def load_module():
    spec = importlib.util.spec_from_file_location("bench_load", ROOT / "bench/load.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_england_database_is_prepared_once_then_reused(tmp_path):
    """``--data england`` at a tiny scale (one LA, 0.5% of its size; England itself is
    never prepared in the tests): generated, imported with its figures, marked prepared;
    a second run reuses it without importing again."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")}
    command = [sys.executable, str(ROOT / "bench/load.py"), "--data", "england",
               "--england-las", "886", "--england-fraction", "0.005", "--prepared-dir",
               str(tmp_path), "--prepare-only"]
    first = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    assert first.returncode == 0, first.stdout[-3000:] + first.stderr[-3000:]
    mark = json.loads((tmp_path / "prepared.json").read_text())
    assert mark["records"].startswith("1 LAs") and "0 stored figures" not in mark["records"]
    assert mark["load_env"]["LOAD_TOKEN"] and mark["returns"] == 1
    again = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stdout[-3000:] + again.stderr[-3000:]
    assert "Reusing" in again.stdout and "Importing" not in again.stdout
    other = subprocess.run([*command, "--england-fraction", "0.01"], env=env,
                           capture_output=True, text=True, timeout=300)
    assert other.returncode != 0 and "was prepared for" in other.stderr


def test_memory_growth_that_levels_off_has_a_flat_last_window():
    load = load_module()
    rising_then_flat = [(t, 100_000 + min(t, 600) * 10) for t in range(60, 1860, 10)]
    summary = load.memory_summary([(t, kb, 5) for t, kb in rising_then_flat])
    assert summary["slope_first_mib_per_min"] > 0.5
    assert summary["slope_last_mib_per_min"] == 0
    assert summary["last_window_growth_pct"] == 0 and summary["growth_pct"] > 0
