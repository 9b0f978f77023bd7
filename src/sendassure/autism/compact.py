"""The compact copy of NHS Autism Statistics the demo loads: the published file's own
rows and columns, only those ``load-autism`` keeps (the sub-ICB breakdown without age
groups, the metrics in :mod:`.metrics`), gzipped. Rebuild it with
``python -m sendassure.autism.compact SOURCE.csv.gz OUT.csv.gz``."""

from __future__ import annotations

import csv
import gzip
import io
import sys
from pathlib import Path

from .metrics import METRICS
from .statistics import SUB_ICB, _text

SHIPPED = Path(__file__).parent / "data" / "autism_statistics_2022-07_2022-09.csv.gz"


def write_compact(source: Path, out: Path) -> Path:
    reader = csv.DictReader(_text(source))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=reader.fieldnames, lineterminator="\n")
    writer.writeheader()
    for row in reader:
        if row["METRIC"] in METRICS and row["BREAKDOWN"] == SUB_ICB \
                and row["SECONDARY_LEVEL"] in ("NONE", ""):
            writer.writerow(row)
    out.write_bytes(gzip.compress(buffer.getvalue().encode("utf-8"), mtime=0))
    return out


if __name__ == "__main__":  # pragma: no cover
    print(write_compact(Path(sys.argv[1]), Path(sys.argv[2])))
