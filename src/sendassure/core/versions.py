"""Versions of the inputs, and the signal that one has changed.

A loader calls ``changed(keys, areas)`` inside its transaction once it has stored new
data: the counters move on and ``data_changed`` is sent, so derived tables (the fact
table) are brought up to date in the same transaction, or not at all.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence

from django.db.models import F
from django.dispatch import Signal

from .models import DataVersion

# data_changed(sender, keys: list[str], areas: list[str] | None): areas None = all areas
data_changed = Signal()


def records_key(la: str) -> str:
    return f"records:{la}"


def changed(keys: Iterable[str], areas: Sequence[str] | None, sender=None) -> None:
    keys = list(keys)
    for key in keys:
        DataVersion.objects.get_or_create(key=key)
        # a random token, not just the counter: a rolled-back change must never come back
        # with a version something was cached under
        DataVersion.objects.filter(key=key).update(counter=F("counter") + 1,
                                                   token=uuid.uuid4().hex)
    data_changed.send(sender=sender, keys=keys, areas=None if areas is None else list(areas))


def current(keys: Iterable[str]) -> str:
    """A token that changes whenever any of ``keys`` changes."""
    keys = sorted(set(keys))
    tokens = dict(DataVersion.objects.filter(key__in=keys).values_list("key", "token"))
    return ";".join(f"{k}={tokens.get(k, '')}" for k in keys)


def any_set(version: str) -> bool:
    """Whether a token from ``current`` names any change at all: one with every key
    still unset (nothing loaded through a loader) identifies no particular data."""
    return any(part.partition("=")[2] for part in version.split(";"))
