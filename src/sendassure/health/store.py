"""Load sitrep editions into the store: idempotent, one edition per month, the newer
published edition replacing an older one and an older one never replacing a newer."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from sendassure.core import versions

from .models import NonSubmission, ServiceWait, SitrepEdition
from .sitrep import Sitrep, read_sitrep

VERSION_KEY = "health:sitreps"
LOADED, REPLACED, UNCHANGED, OLDER = "loaded", "replaced", "unchanged", "older"


@dataclass(frozen=True)
class Loaded:
    file_name: str
    month: str
    outcome: str
    rows: int

    def __str__(self) -> str:
        said = {LOADED: f"{self.rows:,} service rows loaded",
                REPLACED: f"replaced the held edition ({self.rows:,} service rows)",
                UNCHANGED: "already held, unchanged",
                OLDER: "not loaded: a newer edition of this month is held"}[self.outcome]
        return f"{self.file_name}: {self.month}: {said}"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _older(sitrep: Sitrep, held: SitrepEdition) -> bool:
    if sitrep.published is None or held.published is None:
        return False
    return sitrep.published < held.published


def load_sitrep(path: Path, progress: Callable[[int, int], None] | None = None) -> Loaded:
    """Read ``path`` (raises :class:`~.sitrep.NotASitrep`) and store its edition."""
    sitrep = read_sitrep(path, progress)
    digest = _digest(path)
    month = f"{sitrep.month:%Y-%m}"
    with transaction.atomic():
        held = SitrepEdition.objects.select_for_update().filter(month=sitrep.month).first()
        if held is not None and held.sha256 == digest:
            return Loaded(path.name, month, UNCHANGED, held.waits.count())
        if held is not None and _older(sitrep, held):
            return Loaded(path.name, month, OLDER, 0)
        outcome = REPLACED if held is not None else LOADED
        if held is not None:
            held.delete()
        edition = SitrepEdition.objects.create(
            month=sitrep.month, published=sitrep.published, file_name=path.name[:255],
            sha256=digest, bands=sitrep.bands)
        ServiceWait.objects.bulk_create([
            ServiceWait(edition=edition, level=w.organisation.level,
                        org_code=w.organisation.code, org_name=w.organisation.name,
                        service=w.service, missing=w.missing, **w.counts)
            for w in sitrep.waits], batch_size=2000)
        NonSubmission.objects.bulk_create([
            NonSubmission(edition=edition, level=n.organisation.level,
                          org_code=n.organisation.code, org_name=n.organisation.name,
                          month=n.month, providers=n.providers)
            for n in sitrep.non_submitters], batch_size=2000)
        versions.changed([VERSION_KEY], None)
    return Loaded(path.name, month, outcome, len(sitrep.waits))
