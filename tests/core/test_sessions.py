"""Sessions in signed cookies, revoked at sign-out (issue 14 item 3, ADR 0011)."""

from __future__ import annotations

import time

from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ..conftest import PASSWORD


def _signed_in(make_user, role="analyst") -> Client:
    make_user(role)
    client = Client()
    response = client.post(reverse("sign-in"), {"username": f"{role}-user", "password": PASSWORD})
    assert response.status_code == 302
    return client


def _with_cookie(value: str) -> Client:
    thief = Client()
    thief.cookies[settings.SESSION_COOKIE_NAME] = value
    return thief


def test_a_copied_session_cookie_stops_working_at_sign_out(make_user):
    client = _signed_in(make_user)
    stolen = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert _with_cookie(stolen).get(reverse("start")).status_code == 200
    assert client.post(reverse("sign-out")).status_code == 302
    response = _with_cookie(stolen).get(reverse("start"))
    assert response.status_code == 302 and reverse("sign-in") in response["Location"]
    # a cookie the server signed again after the theft is revoked with it
    assert client.get(reverse("start")).status_code == 302


def test_signing_out_leaves_other_sessions_of_the_user_alone(make_user):
    first = _signed_in(make_user)
    second = Client()
    second.post(reverse("sign-in"), {"username": "analyst-user", "password": PASSWORD})
    first.post(reverse("sign-out"))
    assert second.get(reverse("start")).status_code == 200


def test_a_session_ends_after_the_idle_time(make_user, monkeypatch):
    client = _signed_in(make_user)
    assert client.get(reverse("start")).status_code == 200
    later = time.time() + settings.SESSION_COOKIE_AGE + 5
    monkeypatch.setattr("django.core.signing.time.time", lambda: later)
    assert client.get(reverse("start")).status_code == 302


def test_each_response_renews_the_idle_time(make_user, monkeypatch):
    client = _signed_in(make_user)
    start = time.time()
    for step in (0.6, 1.2, 1.8):  # each request within the idle time of the last one
        now = start + step * settings.SESSION_COOKIE_AGE
        monkeypatch.setattr("django.core.signing.time.time", lambda now=now: now)
        assert client.get(reverse("start")).status_code == 200


def test_a_page_view_writes_nothing_to_the_database(make_user):
    client = _signed_in(make_user)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("start")).status_code == 200
        assert client.get(reverse("public")).status_code == 200
    writes = [q["sql"] for q in queries.captured_queries
              if q["sql"].lstrip().split()[0].upper() in {"INSERT", "UPDATE", "DELETE"}]
    assert writes == []


def test_sign_in_records_the_last_sign_in_time(make_user):
    from sendassure.core.models import User

    _signed_in(make_user)
    assert User.objects.get(username="analyst-user").last_login is not None


def test_revocations_are_forgotten_once_no_cookie_can_be_in_date(make_user):
    from django.utils import timezone

    from sendassure.core.models import RevokedSession

    RevokedSession.objects.create(sid="old", expires_at=timezone.now())
    client = _signed_in(make_user)
    client.post(reverse("sign-out"))
    assert not RevokedSession.objects.filter(sid="old").exists()
    assert RevokedSession.objects.count() == 1
