"""`sendassure serve --production`: gunicorn with the production settings behind a
pretend TLS proxy, static files hashed, compressed and cached for a year (issue 14)."""

from __future__ import annotations

import os
import re
import subprocess

import pytest

from sendassure.settings.paths import GOVUK_FRONTEND_DIR

from ..support.server import CLI, Client, free_port, running

PASSWORD = "correct-horse-battery-staple"


@pytest.fixture
def production_env(tmp_path):
    var = tmp_path / "var"
    var.mkdir()
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "SENDASSURE_VAR": str(var),
        "DATABASE_URL": f"sqlite:///{var / 'sendassure.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "sendassure.settings.production",
        "SECRET_KEY": "test-only-" + "s" * 50,
        "ALLOWED_HOSTS": "localhost",
    }
    subprocess.run([CLI, "users", "add", "ana", "--role", "analyst", "--area", "886",
                    "--password", PASSWORD], env=env, check=True, capture_output=True,
                   timeout=180)
    return env


def test_the_production_server_serves_pages_and_cached_compressed_static_files(production_env):
    port = free_port()
    args = ["serve", "--production", "--address", f"127.0.0.1:{port}", "--workers", "1",
            "--threads", "2"]
    with running(args, production_env, port) as server:
        proxied = Client(port, {"X-Forwarded-Proto": "https"})
        status, headers, page, _ = proxied.get("/public/")
        assert status == 200
        assert "max-age=31536000" in headers["strict-transport-security"]
        css = re.search(rb'href="(/static/sendassure/app\.[0-9a-f]{12}\.css)"', page)
        assert css, "the page does not name the hashed stylesheet"

        client = Client(port, {"X-Forwarded-Proto": "https", "Accept-Encoding": "gzip"})
        status, headers, body, _ = client.get(css.group(1).decode())
        assert status == 200 and body
        assert headers["content-encoding"] == "gzip"
        assert "max-age=315360000" in headers["cache-control"]
        assert "immutable" in headers["cache-control"]
        client.headers["Accept-Encoding"] = "br, gzip"
        assert client.get(css.group(1).decode())[1]["content-encoding"] == "br"
        if GOVUK_FRONTEND_DIR.exists():  # GOV.UK Frontend's build, compressed too
            status, headers, _, _ = client.get("/govuk-frontend.min.css")
            assert status == 200 and headers["content-encoding"] == "br"

        # plain HTTP is sent to HTTPS; signing in works and sets host-only secure cookies
        status, headers, _, _ = Client(port).get("/public/")
        assert status == 301 and headers["location"].startswith("https://localhost/")
        status, headers, _, _ = proxied.sign_in("ana", PASSWORD)
        assert status == 302, status
        assert "__Host-sessionid" in proxied.cookies
        status, _, _, _ = proxied.get("/dashboard/timeliness/")
        assert status == 200
        assert server.poll() is None
    assert server.returncode is not None
