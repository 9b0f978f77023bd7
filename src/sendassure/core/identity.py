"""The keyed hash that stands for an identifier wherever one must be matched but never
kept: HMAC-SHA256 under one per-deployment key (``IDENTITY_HASH_KEY``, else derived from
``SECRET_KEY``: keep it stable, or nothing matches across loads). SEN2 people (UPN, ULN)
and health referrals (NHS number) are hashed with the same key, so the two can be
joined through their hashes without either identifier being stored beside the other."""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings


def identity_key() -> bytes:
    secret = settings.IDENTITY_HASH_KEY or settings.SECRET_KEY
    return hashlib.sha256(("sendassure-identity:" + secret).encode()).digest()


def keyed_hash(key: bytes, text: str) -> str:
    return hmac.new(key, text.encode(), hashlib.sha256).hexdigest()
