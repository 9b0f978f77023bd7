"""Locust journeys for ``bench/load.py`` (run by it; see there). Each simulated user signs
in through the form, then goes round the main journeys: the dashboard, a plan area, the
worklist and the API's figures; a static page rendered through the same middleware is
requested as often, as the baseline. Cookies are kept by hand: the production settings
mark them ``Secure`` and the server sits behind a pretend TLS proxy
(``X-Forwarded-Proto: https``), over plain HTTP on 127.0.0.1."""

from __future__ import annotations

import os
import re

from locust import HttpUser, between, events, task

USERNAME = os.environ["LOAD_USERNAME"]
PASSWORD = os.environ["LOAD_PASSWORD"]
TOKEN = os.environ["LOAD_TOKEN"]
PLAN_AREA = os.environ["LOAD_PLAN_AREA"]
# The API journey's query is bench/load.py's API_PATH (tested against the API by
# tests/core/test_load_smoke.py).
API_PATH = os.environ["LOAD_API_PATH"]
MAX_REQUESTS = int(os.environ.get("LOAD_MAX_REQUESTS", "0"))
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


_environment = None


@events.init.add_listener
def _keep(environment, **kwargs):
    global _environment
    _environment = environment


@events.request.add_listener
def _stop_after_enough(**kwargs):
    """A bounded run (the tests' smoke): stop once ``LOAD_MAX_REQUESTS`` were made."""
    runner = _environment.runner if _environment else None
    if MAX_REQUESTS and runner and runner.stats.total.num_requests >= MAX_REQUESTS:
        runner.quit()


class AreaUser(HttpUser):
    wait_time = between(0.5, 1.5)

    def on_start(self):
        self.jar: dict[str, str] = {}
        page = self._get("/sign-in/", "sign in (form)")
        token = CSRF.search(page.text).group(1) if page.status_code == 200 else ""
        self._send("POST", "/sign-in/", "sign in", data={
            "csrfmiddlewaretoken": token, "username": USERNAME, "password": PASSWORD},
            expect=302)

    def _send(self, method, path, name, expect=200, **kwargs):
        headers = {"Host": "localhost", "X-Forwarded-Proto": "https",
                   "Referer": "https://localhost/sign-in/",
                   **kwargs.pop("headers", {})}
        if self.jar:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.jar.items())
        self.client.cookies.clear()
        with self.client.request(method, path, name=name, headers=headers,
                                 allow_redirects=False, catch_response=True,
                                 **kwargs) as response:
            self.jar.update({c.name: c.value for c in response.cookies})
            if response.status_code != expect:
                # status 0: no answer; say why (refused, reset, closed, timed out)
                why = f": {response.error!r}"[:300] if response.status_code == 0 else ""
                response.failure(f"{response.status_code} (wanted {expect}){why}")
            return response

    def _get(self, path, name, **kwargs):
        return self._send("GET", path, name, **kwargs)

    @task
    def static_page(self):
        self._get("/accessibility/", "static page (baseline)")

    @task
    def dashboard(self):
        self._get("/dashboard/timeliness/", "dashboard")

    @task
    def plan_area(self):
        self._get(f"/plan/area/{PLAN_AREA}/", "plan area")

    @task
    def worklist(self):
        self._get("/casework/worklist/", "worklist")

    @task
    def api_figures(self):
        response = self._send("GET", API_PATH, "API figures",
                              headers={"Authorization": f"Bearer {TOKEN}"})
        if response.status_code == 200 and "measure" not in response.json():
            response.failure("not a figure")
