"""Storing published outcome files: each file in one transaction, a newer file's values
replacing the same series, period and geographic level; loading a file again changes
nothing (not even the version token)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from sendassure.core import versions

from ..models import PublishedOutcome
from .extract import SHIPPED
from .layouts import Record, read

VERSION_KEY = "outcomes"
_COMPARED = ("series", "period", "geographic_level", "la_code", "region", "area_name",
             "characteristic", "published_characteristic", "value", "numerator",
             "denominator", "reason", "note")


@dataclass
class Loaded:
    file: str
    values: int
    changed: bool
    series: list[str] = field(default_factory=list)


def _row(record: Record) -> tuple:
    return tuple(getattr(record, name) for name in _COMPARED)


def store(records: Iterable[Record], source: str) -> Loaded:
    latest = {r.key(): r for r in records}
    groups: dict[tuple, list[Record]] = defaultdict(list)
    for record in latest.values():
        groups[(record.series, record.period, record.geographic_level)].append(record)
    series = sorted({s for s, _, _ in groups})
    with transaction.atomic():
        changed = False
        for (name, period, level), found in groups.items():
            held = PublishedOutcome.objects.filter(series=name, period=period,
                                                   geographic_level=level)
            if sorted(held.values_list(*_COMPARED)) == sorted(map(_row, found)):
                continue
            changed = True
            held.delete()
            PublishedOutcome.objects.bulk_create(
                [PublishedOutcome(source=source[:120], **dict(zip(_COMPARED, _row(r),
                                                                  strict=True)))
                 for r in found], batch_size=2000)
        if changed:
            versions.changed([VERSION_KEY], [])
    return Loaded(source, len(latest), changed, series)


def load_outcomes(paths: Iterable[Path] | None = None,
                  progress: Callable[[Loaded], None] | None = None) -> list[Loaded]:
    """Load each file (default: the extract shipped with sendassure). Every file is read
    before anything is stored, so a file in an unknown layout stops the load with its
    reason and nothing changes."""
    files = list(paths) if paths else [SHIPPED]
    read_all = [(path, read(path)) for path in files]
    done = []
    for path, records in read_all:
        loaded = store(records, path.name)
        done.append(loaded)
        if progress:
            progress(loaded)
    return done
