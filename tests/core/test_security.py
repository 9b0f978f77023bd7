"""Security baseline: argon2, lockout, idle timeout, CSP, CSRF, production settings."""

from __future__ import annotations

import os
import subprocess
import sys

from django.conf import settings
from django.test import Client
from django.urls import reverse

from ..conftest import PASSWORD


def test_passwords_are_hashed_with_argon2_outside_tests():
    from sendassure.settings import base

    assert base.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_sign_in_and_out(client, make_user):
    make_user("analyst")
    response = client.post(reverse("sign-in"), {"username": "analyst-user", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("start")).status_code == 200
    client.post(reverse("sign-out"))
    assert client.get(reverse("start")).status_code == 302


def test_wrong_password_shows_a_govuk_error_summary(client, make_user):
    make_user("analyst")
    page = client.post(reverse("sign-in"), {"username": "analyst-user", "password": "nope"})
    text = page.content.decode()
    assert page.status_code == 200 and "There is a problem" in text
    assert "<title>Error: Sign in" in text


def test_repeated_failures_lock_the_account(client, make_user):
    make_user("analyst")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("sign-in"), {"username": "analyst-user", "password": "wrong"})
    locked = client.post(reverse("sign-in"), {"username": "analyst-user", "password": PASSWORD})
    assert locked.status_code == 429
    assert "Your account is locked" in locked.content.decode()
    assert client.get(reverse("start")).status_code == 302


def test_sessions_expire_when_idle():
    assert settings.SESSION_SAVE_EVERY_REQUEST is True
    assert 0 < settings.SESSION_COOKIE_AGE <= 60 * 60


def test_csrf_is_enforced_on_sign_in(make_user):
    make_user("analyst")
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(reverse("sign-in"), {"username": "analyst-user", "password": PASSWORD})
    assert response.status_code == 403


def test_content_security_policy_forbids_inline_script(client, db):
    response = client.get(reverse("public"))
    policy = response["Content-Security-Policy"]
    script_src = next(p for p in policy.split(";") if p.strip().startswith("script-src"))
    assert "'self'" in script_src and "unsafe-inline" not in script_src
    assert "<script>" not in response.content.decode()


def test_production_settings_pass_check_deploy():
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "sendassure.settings.production",
        "SECRET_KEY": "x" * 30 + "-production-secret-for-the-check-only-0123456789",
        "ALLOWED_HOSTS": "send.example.gov.uk",
    }
    result = subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "DEBUG"],
        env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_settings_refuse_to_start_without_a_secret_key():
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    env.update(DJANGO_SETTINGS_MODULE="sendassure.settings.production", ALLOWED_HOSTS="x")
    result = subprocess.run(
        [sys.executable, "-m", "django", "check"], env=env, capture_output=True, text=True,
        timeout=120,
    )
    assert result.returncode != 0 and "SECRET_KEY must be set" in result.stderr
