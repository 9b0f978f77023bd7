"""Shared fixtures: a user of every role in the Kent area, and signed-in clients."""

from __future__ import annotations

import os

import pytest
from hypothesis import settings as hypothesis_settings

from sendassure.core.roles import Role

# Fuzz and property tests explore the same examples on every run (a fixed seed), so CI is
# reproducible: a red run is a real regression, and what a fuzz found is kept as an
# explicit regression case beside it. HYPOTHESIS_PROFILE=explore searches afresh.
hypothesis_settings.register_profile("ci", derandomize=True)
hypothesis_settings.register_profile("explore", derandomize=False)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

AREA = "886"
PASSWORD = "correct-horse-battery-staple"


def pytest_configure(config):
    """On the PostgreSQL CI run, refuse to run the suite on anything but PostgreSQL."""
    if os.environ.get("SENDASSURE_REQUIRE_POSTGRESQL") == "1":
        from django.conf import settings

        engine = settings.DATABASES["default"]["ENGINE"]
        if "postgresql" not in engine:
            raise pytest.UsageError(f"CI asked for PostgreSQL but the database is {engine}")


@pytest.fixture(autouse=True)
def _pack_jobs_in_tmp(settings, tmp_path):
    """Review packs built by background jobs go to the test's own folder."""
    settings.PACK_JOBS_ROOT = str(tmp_path / "packs")


@pytest.fixture
def make_user(db):
    from sendassure.core.models import Area, User

    def make(role: str, username: str | None = None, areas=(AREA,)) -> User:
        user = User.objects.create_user(username or f"{role}-user", password=PASSWORD, role=role)
        for code in areas:
            user.areas.add(Area.objects.get_or_create(code=code)[0])
        return user

    return make


@pytest.fixture
def users(make_user):
    return {role.value: make_user(role.value) for role in Role}


@pytest.fixture
def client_as(client, make_user):
    def sign_in(role: str):
        user = make_user(role)
        client.force_login(user)
        return client

    return sign_in


CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def browser():
    """One Debian chromium for the whole session (Playwright's sync API allows one)."""
    import shutil
    from pathlib import Path

    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    if not Path(CHROMIUM).exists() and not shutil.which(CHROMIUM):
        pytest.fail(f"Debian's chromium is missing at {CHROMIUM}: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run"],
        )
        yield browser
        browser.close()


