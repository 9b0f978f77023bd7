"""API tokens: made, checked and revoked here; only a SHA-256 digest is stored."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.utils import timezone

from . import bookkeeping
from .models import ApiToken, User

PREFIX = "sa_"
LAST_USED_EVERY = timedelta(minutes=1)  # a token's last use is recorded to the minute


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def issue(user: User) -> str:
    """A new token for ``user``: returned once, never stored in clear."""
    token = PREFIX + secrets.token_urlsafe(32)
    ApiToken.objects.create(user=user, digest=_digest(token), prefix=token[:8])
    return token


def user_for(token: str) -> User | None:
    """The active user a live token belongs to, or None."""
    if not token.startswith(PREFIX) or len(token) > 200:
        return None
    found = ApiToken.objects.select_related("user").filter(
        digest=_digest(token), revoked_at__isnull=True, user__is_active=True).first()
    if found is None:
        return None
    now = timezone.now()
    if found.last_used_at is None or now - found.last_used_at > LAST_USED_EVERY:
        # bookkeeping: an API read must not wait for a long writer (ADR 0011)
        bookkeeping.soon(
            lambda: ApiToken.objects.filter(pk=found.pk).update(last_used_at=now),
            "token last used")
    return found.user


def revoke(user: User) -> int:
    """Revoke every live token of ``user``; returns how many."""
    return ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now())
