"""Load EES CSV files into the benchmark table (replacing what came from the same file)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import polars as pl
from django.db import transaction

from sendassure.core import versions

from .ees import measure_key, read_ees
from .models import BenchmarkValue


def _regions(path: Path) -> dict[str, str]:
    """LA old code -> region code, from the file's own LA rows (when it has them)."""
    try:
        raw = pl.read_csv(path, columns=["old_la_code", "region_code"], infer_schema=False)
    except (pl.exceptions.ColumnNotFoundError, pl.exceptions.ComputeError):
        return {}
    return {la: region for la, region in raw.unique().iter_rows() if la and region}


def source_name(path: Path) -> str:
    name = path.name
    for suffix in (".gz", ".csv"):
        name = name.removesuffix(suffix)
    return name


def load_benchmarks(path: Path, progress: Callable[[int], None] | None = None) -> int:
    frame = read_ees(path)
    regions = _regions(path)
    source = source_name(path)
    rows = [
        BenchmarkValue(
            source=source, time_period=r["time_period"] or "",
            time_identifier=r["time_identifier"] or "", geographic_level=r["geographic_level"] or "",
            area_code=r["area_code"] or "", old_la_code=r["old_la_code"] or "",
            area_name=(r["area_name"] or "")[:100],
            region_code=regions.get(r["old_la_code"] or "", ""),
            breakdown_topic=(r["breakdown_topic"] or "")[:100],
            breakdown=(r["breakdown"] or "")[:100], measure=measure_key(r["measure"]),
            published_measure=r["measure"], value=r["value"], reason=(r["reason"] or "")[:80],
        )
        for r in frame.iter_rows(named=True)
    ]
    with transaction.atomic():
        BenchmarkValue.objects.filter(source=source).delete()
        for start in range(0, len(rows), 5000):
            BenchmarkValue.objects.bulk_create(rows[start:start + 5000])
            if progress:
                progress(min(start + 5000, len(rows)))
        versions.changed(["benchmarks"], None)
    return len(rows)
