"""Load NHS Autism Statistics files: the same bytes again change nothing; a file holding
a month already held replaces that month's cells (a later publication revises earlier
months), all in one transaction."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from sendassure.core import versions

from .models import AutismCell, AutismRelease
from .statistics import read_autism_statistics

VERSION_KEY = "autism:statistics"


@dataclass(frozen=True)
class Loaded:
    file_name: str
    months: list[str]
    cells: int
    unchanged: bool
    skipped: int = 0

    def __str__(self) -> str:
        span = f"{self.months[0]} to {self.months[-1]}" if self.months else "no months"
        if self.unchanged:
            return f"{self.file_name}: {span}: already held, unchanged"
        text = f"{self.file_name}: {span}: {self.cells:,} sub-ICB figures loaded"
        if self.skipped:
            text += (f" ({self.skipped} row(s) left out: their period is not a calendar "
                     "month)")
        return text


def load_autism_statistics(path: Path) -> Loaded:
    """Read ``path`` (raises :class:`~.statistics.NotAutismStatistics`) and store it."""
    found = read_autism_statistics(path)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    months = [f"{m:%Y-%m}" for m in found.months]
    with transaction.atomic():
        held = AutismRelease.objects.filter(sha256=digest).first()
        if held is not None:
            return Loaded(path.name, months, held.cells.count(), True)
        AutismCell.objects.filter(month__in=found.months).delete()
        AutismRelease.objects.filter(cells__isnull=True).delete()
        release = AutismRelease.objects.create(sha256=digest, file_name=path.name[:255],
                                               months=months)
        AutismCell.objects.bulk_create([
            AutismCell(release=release, month=c.month, sub_icb=c.sub_icb,
                       sub_icb_name=c.sub_icb_name, icb_code=c.icb_code, metric=c.metric,
                       value=c.value, missing=c.missing) for c in found.cells],
            batch_size=2000)
        versions.changed([VERSION_KEY], None)
    return Loaded(path.name, months, len(found.cells), False, found.skipped)
