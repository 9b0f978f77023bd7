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
PROMPT = 5.0  # seconds: far below the 30 s a writer would wait for the lock


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

        holder = sqlite3.connect(database, isolation_level=None, timeout=0)
        holder.execute("BEGIN IMMEDIATE")
        holder.execute("UPDATE core_user SET first_name = 'import' WHERE 0")
        probe = sqlite3.connect(database, isolation_level=None, timeout=0)
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            probe.execute("BEGIN IMMEDIATE")  # the lock really is held
        probe.close()
        try:
            with ThreadPoolExecutor(len(USERS)) as pool:
                visits = list(pool.map(lambda name: _visit(port, name), USERS))
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
