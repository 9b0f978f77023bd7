"""Browser tests: Playwright driving Debian's chromium (never a downloaded browser),
with axe-core (from the npm package) for WCAG 2.2 AA checks."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; the live server and the test's
# own ORM calls are still synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/system" in str(item.fspath):
            item.add_marker(pytest.mark.system)


class Visit:
    """A browser page that remembers console errors (CSP violations land there)."""

    def __init__(self, page, base_url):
        self.page = page
        self.base_url = base_url
        self.console_errors: list[str] = []
        page.on("console", lambda m: m.type == "error" and self.console_errors.append(m.text))

    def goto(self, path: str):
        response = self.page.goto(self.base_url + path)
        return response

    def sign_in(self, username: str, password: str):
        self.goto("/sign-in/")
        self.page.fill("#username", username)
        self.page.fill("#password", password)
        with self.page.expect_navigation():
            self.page.get_by_role("button", name="Sign in").click()

    def axe_violations(self) -> list[dict]:
        self.page.evaluate(AXE.read_text())
        result = self.page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_22_AA
        )
        return [
            {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in result["violations"]
        ]


@pytest.fixture
def visit(browser, live_server):
    context = browser.new_context()
    page = context.new_page()
    yield Visit(page, live_server.url)
    context.close()


@pytest.fixture
def visit_without_js(browser, live_server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    yield Visit(page, live_server.url)
    context.close()
