"""Build the compact DfE extract shipped in ``benchmarks/data/`` from the 2025 EHC plans
release (Explore Education Statistics, "Education, health and care plans", 2025).

Regenerate (from the repository root; the source is the release's ``data/`` folder):

    python -m sendassure.benchmarks.extract PATH/TO/ees/ehcp_2025/data

Each output is the published file cut to the columns and rows the product uses, still in
EES layout (so ``ees.read_ees`` reads it), gzip-compressed with a fixed timestamp so the
bytes are reproducible. Values are copied as published, symbols included.
"""

from __future__ import annotations

import gzip
import io
import sys
from pathlib import Path

import polars as pl

DATA = Path(__file__).parent / "data"
LEVELS = ("National", "Regional", "Local authority")
FILTERS = [
    "time_period", "time_identifier", "geographic_level", "country_code", "country_name",
    "region_code", "region_name", "new_la_code", "old_la_code", "la_name",
    "breakdown_topic", "breakdown",
]

# file -> (measure columns as published or None for all, breakdown topics kept)
EXTRACTS: dict[str, tuple[list[str] | None, list[str] | None]] = {
    "timeliness_20_week.csv": (None, None),
    "requests.csv": (
        [
            "requests_received_in_year", "requests_decided_to_assess",
            "requests_decided_not_to_assess", "requests_decision_not_made",
            "requests_withdrawn", "request_assess_pc", "request_not_assess_pc",
            "request_outcome_six_weeks", "request_outcome_over_6_weeks",
            "request_outcome_six_weeks_pc", "request_outcome_over_6_weeks_pc",
        ],
        ["All requests for EHC needs assessments", "Sex"],
    ),
    "caseload.csv": (
        ["ehcplans", "mainstream_total", "mainstream_total_pc", "special_total",
         "special_total_pc"],
        ["All EHC plans"],
    ),
}


def extract(source: Path, name: str) -> pl.DataFrame:
    measures, topics = EXTRACTS[name]
    frame = pl.read_csv(source / name, infer_schema=False)
    frame = frame.rename({c: c.lstrip("\ufeff") for c in frame.columns})
    frame = frame.filter(pl.col("geographic_level").is_in(LEVELS))
    if topics is not None:
        frame = frame.filter(pl.col("breakdown_topic").is_in(topics))
    keep = [c for c in FILTERS if c in frame.columns]
    keep += measures if measures is not None else [c for c in frame.columns if c not in keep]
    return frame.select(keep)


def write_gzip_csv(frame: pl.DataFrame, path: Path) -> None:
    text = io.StringIO()
    frame.write_csv(text)
    with open(path, "wb") as raw, gzip.GzipFile(
        filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9
    ) as out:
        out.write(text.getvalue().encode("utf-8"))


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__)
        return 2
    source = Path(argv[0])
    DATA.mkdir(exist_ok=True)
    for name in EXTRACTS:
        target = DATA / f"{name}.gz"
        frame = extract(source, name)
        write_gzip_csv(frame, target)
        print(f"{target}: {frame.height} rows, {frame.width} columns")
    return 0


def shipped(name: str) -> Path:
    """Path of a shipped extract, e.g. ``shipped("timeliness_20_week.csv")``."""
    return DATA / f"{name}.gz"


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
