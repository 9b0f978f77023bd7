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
         "--spawn-rate", "3", "--run-time", "90", "--max-requests", "45", "--workers", "1",
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


def bench_api_path() -> str:
    spec = importlib.util.spec_from_file_location("bench_load", ROOT / "bench/load.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.API_PATH


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
