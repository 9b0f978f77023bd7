"""A generic reader for Explore Education Statistics (EES) open data CSV files.

EES files are wide: filter columns (time, geography, ``breakdown_topic``/``breakdown``
or other filters) and one column per measure. ``read_ees`` returns them long, one row per
(area, time period, breakdown, measure) with a numeric ``value`` or, when the file holds
a symbol instead of a number, a null ``value`` and the symbol in ``reason``. Symbols never
raise: the GSS/EES ones are described in ``SYMBOLS``; any other non-numeric text is kept
as its own reason. Column names are kept exactly as published (``PC_plans_issued_20_weeks_ex``
stays upper case); ``measure_key`` gives the lower-case form that matches the registered measure names.
A byte order mark and surrounding spaces are ignored; ``.csv.gz`` files are read directly.

Output columns: ``time_period``, ``time_identifier``, ``geographic_level``, ``area_code``
(``new_la_code`` for an LA, else region, else country code), ``old_la_code``, ``area_name``,
``breakdown_topic``, ``breakdown``, ``measure``, ``value`` (Float64), ``reason`` (String),
then any other filter columns of the file, and ``row`` (the data row's number in the file,
1 = first row after the header) to trace a value back to its source.
"""

from __future__ import annotations

import gzip
import io
from dataclasses import dataclass
from pathlib import Path

import polars as pl

SYMBOLS = {
    "c": "confidential (suppressed)",
    "x": "unavailable",
    "z": "not applicable",
    "low": "rounds to zero",
    "u": "low reliability",
    "k": "legacy symbol (see the publication's guidance)",
    "~": "legacy symbol (see the publication's guidance)",
    ":": "not available",
    "..": "not available",
    ".": "not applicable",
    "-": "nil or negligible",
    "w": "no data (withdrawn)",
    "": "blank",
}

TIME_COLUMNS = ("time_period", "time_identifier")
GEOGRAPHY_COLUMNS = (
    "geographic_level", "country_code", "country_name", "region_code", "region_name",
    "new_la_code", "old_la_code", "la_name", "lad_code", "lad_name", "pcon_code", "pcon_name",
    "opportunity_area_code", "opportunity_area_name", "ward_code", "ward_name",
    "trust_id", "trust_name", "sponsor_id", "sponsor_name", "school_urn", "school_laestab",
    "school_name", "provider_ukprn", "provider_name", "english_devolved_area_code",
    "english_devolved_area_name", "local_enterprise_partnership_code",
    "local_enterprise_partnership_name", "mayoral_combined_authority_code",
    "mayoral_combined_authority_name", "rsc_region_lead_name", "planning_area_code",
    "planning_area_name",
)
BREAKDOWN_COLUMNS = ("breakdown_topic", "breakdown")
KNOWN_FILTERS = set(TIME_COLUMNS) | set(GEOGRAPHY_COLUMNS) | set(BREAKDOWN_COLUMNS)

OUTPUT_FRONT = (
    "time_period", "time_identifier", "geographic_level", "area_code", "old_la_code",
    "area_name", "breakdown_topic", "breakdown", "measure", "value", "reason",
)


@dataclass(frozen=True)
class Missing:
    """A cell holding a symbol instead of a number."""

    reason: str

    @property
    def description(self) -> str:
        return SYMBOLS.get(self.reason, "not a number")


def parse_value(text: str | None) -> float | Missing:
    """A published cell as a number or ``Missing(symbol)``; never raises."""
    raw = "" if text is None else text.strip()
    symbol = raw[1:-1].strip() if raw.startswith("[") and raw.endswith("]") else raw
    try:
        return float(symbol.replace(",", ""))
    except ValueError:
        return Missing(symbol.lower() if symbol.lower() in SYMBOLS else symbol)


def _read_raw(source: str | Path | bytes) -> pl.DataFrame:
    if isinstance(source, bytes):
        data = source
    else:
        data = Path(source).read_bytes()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    frame = pl.read_csv(io.BytesIO(data), infer_schema=False, encoding="utf8-lossy")
    return frame.rename({c: c.lstrip("\ufeff").strip() for c in frame.columns})


def _is_measure(column: pl.Series) -> bool:
    values = column.drop_nulls().unique().to_list()
    return all(not isinstance(parse_value(v), Missing) or parse_value(v).reason in SYMBOLS
               for v in values)


def measure_key(name: str) -> str:
    """A published measure name in the lower case the measure registry uses."""
    return name.lower()


def read_ees(source: str | Path | bytes, measures: list[str] | None = None) -> pl.DataFrame:
    """An EES file (path, or its bytes; plain or gzip CSV) as a long frame.

    ``measures``: the measure columns to keep (as published); default every column that
    is not a known filter and holds only numbers and symbols.
    """
    wide = _read_raw(source)
    if measures is None:
        measures = [c for c in wide.columns if c not in KNOWN_FILTERS and _is_measure(wide[c])]
    filters = [c for c in wide.columns if c not in measures]

    def col(name: str) -> pl.Expr:
        return pl.col(name) if name in wide.columns else pl.lit(None, dtype=pl.String)

    def first(*names: str) -> pl.Expr:
        present = [pl.col(n).replace("", None) for n in names if n in wide.columns]
        return pl.coalesce(present) if present else pl.lit(None, dtype=pl.String)

    keyed = wide.with_row_index("row", offset=1).with_columns(
        first("new_la_code", "region_code", "country_code").alias("area_code"),
        first("la_name", "region_name", "country_name").alias("area_name"),
        col("old_la_code").alias("old_la_code"),
        col("breakdown_topic").alias("breakdown_topic"),
        col("breakdown").alias("breakdown"),
        col("time_identifier").alias("time_identifier"),
        col("geographic_level").alias("geographic_level"),
    )
    others = [c for c in filters if c not in OUTPUT_FRONT and c not in GEOGRAPHY_COLUMNS]
    index = ["row"] + [c for c in OUTPUT_FRONT if c not in ("measure", "value", "reason")] + others
    long = keyed.select([*index, *measures]).unpivot(
        on=measures, index=index, variable_name="measure", value_name="text"
    )
    text = pl.col("text").str.strip_chars()
    unbracketed = text.str.strip_prefix("[").str.strip_suffix("]").str.strip_chars()
    number = unbracketed.str.replace_all(",", "").cast(pl.Float64, strict=False)
    reason = (
        pl.when(number.is_not_null()).then(None)
        .when(text.is_null()).then(pl.lit(""))
        .when(unbracketed.str.to_lowercase().is_in(list(SYMBOLS)))
        .then(unbracketed.str.to_lowercase())
        .otherwise(unbracketed)
    )
    return long.with_columns(number.alias("value"), reason.alias("reason")).select(
        *OUTPUT_FRONT, *others, pl.col("row").cast(pl.Int64)
    )
