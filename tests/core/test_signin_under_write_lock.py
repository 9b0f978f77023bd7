"""Issue 14 item 3: sign-in and pages must not fail while another connection holds
SQLite's write lock (as an import does). Reproduced on a real server and a file
database: a second connection takes the lock with ``BEGIN IMMEDIATE`` and keeps it
while users sign in and load pages (ADR 0011)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from sendassure.synth import generate_area

from ..support.server import CLI, Client, free_port, running

PASSWORD = "correct-horse-battery-staple"
USERS = [f"user-{n}" for n in range(6)]
PAGES = ["/", "/dashboard/timeliness/", "/dashboard/caseload/", "/plan/", "/public/"]
PROMPT = 10.0  # seconds: well below the 30 s a writer would wait for the lock (a loaded CI)


@pytest.fixture
def area(tmp_path):
    var = tmp_path / "var"
    var.mkdir()
    database = var / "sendassure.sqlite3"
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "SENDASSURE_VAR": str(var),
        "DATABASE_URL": f"sqlite:///{database}",
        "DJANGO_SETTINGS_MODULE": "sendassure.settings.base",
    }
    [return_2024] = generate_area("886", [2024], 0.02, 3, tmp_path / "synth")
    run = {"env": env, "check": True, "capture_output": True, "timeout": 300}
    subprocess.run([CLI, "import", "sen2", str(return_2024)], **run)
    for name in USERS:
        subprocess.run([CLI, "users", "add", name, "--role", "analyst", "--area", "886",
                        "--password", PASSWORD], **run)
    token = subprocess.run([CLI, "tokens", "add", USERS[0]], **run, text=True).stdout.strip()
    env["TEST_TOKEN"] = token.splitlines()[-1]
    return env, database


def _visit(port: int, name: str) -> tuple[Client, list[tuple[str, int, float]]]:
    client = Client(port)
    status, _, _, seconds = client.sign_in(name, PASSWORD)
    seen = [("sign-in", status, seconds)]
    for path in PAGES:
        status, _, _, seconds = client.get(path)
        seen.append((path, status, seconds))
    return client, seen


def test_sign_in_and_pages_work_promptly_while_the_write_lock_is_held(area):
    env, database = area
    port = free_port()
    with running(["serve", "--address", f"127.0.0.1:{port}"], env, port):
        assert Client(port).get("/public/")[0] == 200  # warmed up

        holder = sqlite3.connect(database, isolation_level=None, timeout=30)
        holder.execute("BEGIN IMMEDIATE")
        holder.execute("UPDATE core_user SET first_name = 'import' WHERE 0")
        probe = sqlite3.connect(database, isolation_level=None, timeout=0)
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            probe.execute("BEGIN IMMEDIATE")  # the lock really is held
        probe.close()
        try:
            with ThreadPoolExecutor(len(USERS)) as pool:
                visits = list(pool.map(lambda name: _visit(port, name), USERS))
            api = Client(port, {"Authorization": f"Bearer {env['TEST_TOKEN']}"})
            status, _, _, api_seconds = api.get("/api/v1/measures")
            assert status == 200 and api_seconds < PROMPT
            still_held = True
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        assert still_held
        for _, seen in visits:
            assert seen[0][1] == 302, seen  # signed in
            assert all(status == 200 for _, status, _ in seen[1:]), seen
            assert all(seconds < PROMPT for _, _, seconds in seen), seen

        # The sign-in bookkeeping held back by the lock lands once it is free.
        deadline = time.monotonic() + 30
        while True:
            with sqlite3.connect(database) as conn:
                missing = conn.execute(
                    "SELECT COUNT(*) FROM core_user WHERE last_login IS NULL").fetchone()[0]
                logs = conn.execute("SELECT COUNT(*) FROM axes_accesslog").fetchone()[0]
            conn.close()
            if missing == 0 and logs == len(USERS):
                break
            assert time.monotonic() < deadline, (missing, logs)
            time.sleep(0.2)

        # Signing out revokes the session: a copy of its cookie taken before is refused.
        client = visits[0][0]
        thief = Client(port)
        thief.cookies = dict(client.cookies)
        assert thief.get("/")[0] == 200
        assert client.sign_out()[0] == 302
        status, headers, _, _ = thief.get("/")
        assert status == 302 and headers["location"].startswith("/sign-in/")


def test_sign_in_and_pages_work_during_a_real_import(area, tmp_path):
    """The attack itself, smaller: a large return imported while users sign in and read.
    The import takes the write lock only to store, after reading and judging
    (``tests/casework/test_import_write_lock.py``)."""
    env, database = area
    [big] = generate_area("886", [2023], 0.15, 11, tmp_path / "big")
    port = free_port()
    with running(["serve", "--address", f"127.0.0.1:{port}"], env, port):
        assert Client(port).get("/public/")[0] == 200
        importing = subprocess.Popen([CLI, "import", "sen2", str(big)], env=env,
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                     text=True)
        seen, n = [], 0
        try:
            while importing.poll() is None:
                _, visit = _visit(port, USERS[n % len(USERS)])
                seen.extend(visit)
                n += 1
        finally:
            output = importing.communicate(timeout=300)[0]
    assert importing.returncode == 0 and "STORED" in output, output
    assert n >= 2, "the import ended before users could sign in during it"
    assert all(status in (200, 302) for _, status, _ in seen), seen
    assert [s for s in seen if s[0] == "sign-in" and s[1] != 302] == []
    assert all(seconds < PROMPT for _, _, seconds in seen), seen
