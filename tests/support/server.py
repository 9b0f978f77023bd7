"""A real server in a subprocess on a free port of 127.0.0.1, and a small HTTP client
that keeps its cookies by hand (so ``Secure`` and ``__Host-`` cookies work over plain
HTTP behind a pretend TLS proxy) and can hand a cookie to another client."""

from __future__ import annotations

import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlencode

CLI = str(Path(sys.executable).with_name("sendassure"))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def running(args: list[str], env: dict, port: int, timeout: float = 90):
    """Start ``sendassure ARGS``, wait until it answers on ``port``, stop it after."""
    log = open(Path(env["SENDASSURE_VAR"]) / f"server-{port}.log", "w+")  # noqa: SIM115
    process = subprocess.Popen([CLI, *args], env=env, stdout=log, stderr=subprocess.STDOUT,
                               start_new_session=True)
    try:
        deadline = time.monotonic() + timeout
        while True:
            if process.poll() is not None:
                log.seek(0)
                raise AssertionError(f"the server stopped: {log.read()[-3000:]}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert time.monotonic() < deadline, "the server did not start in time"
                time.sleep(0.2)
        yield process
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)
        log.close()


class Client:
    def __init__(self, port: int, headers: dict[str, str] | None = None) -> None:
        self.port = port
        self.headers = headers or {}
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: dict | None = None,
                timeout: float = 60) -> tuple[int, dict[str, str], bytes, float]:
        """Status, headers (lower-case names), body and seconds taken."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        headers = {"Host": "localhost", **self.headers}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        data = None
        if body is not None:
            data = urlencode(body)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"https://localhost{path}"
        started = time.monotonic()
        try:
            conn.request(method, path, body=data, headers=headers)
            response = conn.getresponse()
            content = response.read()
        finally:
            conn.close()
        seconds = time.monotonic() - started
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                cookie_value = rest.split(";", 1)[0]
                if cookie_value in ("", '""') or "max-age=0" in value.lower():
                    self.cookies.pop(key, None)
                else:
                    self.cookies[key] = cookie_value
        return (response.status, {k.lower(): v for k, v in response.getheaders()}, content,
                seconds)

    def get(self, path: str, **kwargs):
        return self.request("GET", path, **kwargs)

    def sign_in(self, username: str, password: str):
        status, _, page, _ = self.get("/sign-in/")
        assert status == 200, status
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()
        return self.request("POST", "/sign-in/", {
            "csrfmiddlewaretoken": token, "username": username, "password": password})

    def sign_out(self):
        status, _, page, _ = self.get("/sign-out/")
        assert status == 200, status
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()
        return self.request("POST", "/sign-out/", {"csrfmiddlewaretoken": token})
