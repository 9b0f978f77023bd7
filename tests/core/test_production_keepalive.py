"""``serve --production`` keeps an idle connection open longer than a reverse proxy
does: with gunicorn's default (2 s) a request sent on a reused connection as the server
closed it was reset ("Connection reset by peer": 5 to 9 requests a run of
``bench/load.py`` with 50 users, issue 14)."""

from __future__ import annotations

import http.client
import os
import time

from sendassure.cli.production import KEEPALIVE_SECONDS, gunicorn_options

from ..support.server import free_port, running


def test_idle_connections_outlast_a_proxys_idle_timeout():
    assert KEEPALIVE_SECONDS > 60  # common proxy / load balancer idle timeouts: 60 s
    assert gunicorn_options("127.0.0.1:1", 1, 2)["keepalive"] == KEEPALIVE_SECONDS


def test_a_connection_idle_past_gunicorns_default_still_answers(tmp_path):
    var = tmp_path / "var"
    var.mkdir()
    env = {**{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
           "SENDASSURE_VAR": str(var), "DATABASE_URL": f"sqlite:///{var / 'db.sqlite3'}",
           "DJANGO_SETTINGS_MODULE": "sendassure.settings.production",
           "SECRET_KEY": "test-only-" + "s" * 50, "ALLOWED_HOSTS": "localhost"}
    port = free_port()
    args = ["serve", "--production", "--address", f"127.0.0.1:{port}", "--workers", "1",
            "--threads", "2"]
    with running(args, env, port):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        headers = {"Host": "localhost", "X-Forwarded-Proto": "https"}
        for _ in range(2):
            connection.request("GET", "/accessibility/", headers=headers)
            response = connection.getresponse()
            response.read()
            assert response.status == 200
            time.sleep(3.5)  # past gunicorn's default keepalive of 2 s: same connection
        connection.close()
