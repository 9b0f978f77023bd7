"""Sessions in signed cookies, revoked on the server at sign-out (ADR 0011).

A request with a session does one indexed read (is its session revoked?) and no write,
so signing in and reading pages never wait for an import's write lock. The cookie is
signed again with the time on every response (``SESSION_SAVE_EVERY_REQUEST``) and is
refused once older than ``SESSION_COOKIE_AGE``: that is the idle timeout. Each sign-in
gets a new random session id; signing out records it as revoked, so a copy of the
cookie taken before sign-out no longer works.
"""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.contrib.sessions.backends import signed_cookies
from django.db import transaction
from django.utils import timezone

SID = "_sid"


class SessionStore(signed_cookies.SessionStore):
    def load(self):
        data = super().load()
        sid = data.get(SID)
        if sid and _revoked(sid):
            self.create()  # the cookie is dropped at the end of the request
            return {}
        return data

    def cycle_key(self):
        """Called by ``login``: the signed-in session gets an id of its own."""
        self[SID] = secrets.token_urlsafe(24)
        super().cycle_key()

    def flush(self):
        """Called by ``logout`` (and when a password changed): revoke, then forget."""
        sid = self._session.get(SID)
        if sid:
            revoke(sid)
        super().flush()


def _revoked(sid: str) -> bool:
    from .models import RevokedSession

    return RevokedSession.objects.filter(sid=sid).exists()


def revoke(sid: str) -> None:
    """Record ``sid`` as signed out and forget revocations no cookie can outlive. This is
    the one write of a session: short, and it waits for a busy database rather than
    letting the old cookie live on."""
    from django.conf import settings

    from .models import RevokedSession

    now = timezone.now()
    with transaction.atomic():
        RevokedSession.objects.filter(expires_at__lt=now).delete()
        RevokedSession.objects.bulk_create(
            [RevokedSession(sid=sid,
                            expires_at=now + timedelta(seconds=settings.SESSION_COOKIE_AGE))],
            ignore_conflicts=True,
        )
