"""What a record with a problem is left out of: the measure sections a validation rule
can bar it from (the KPI catalogue, "Records with problems").

A record that fails one population's condition is left out of that population only and
counts wherever its other fields are valid; only a record no section can use is out of
everything (the importer then quarantines it whole). The importer stores each request
with the sections it is barred from in the ``excluded_from`` column of the frames, written
``",timeliness,not_to_issue,"`` (empty or null: barred from nothing); each population
below keeps a row only where ``usable(section)``.
"""

from __future__ import annotations

from collections.abc import Iterable

import polars as pl

COLUMN = "excluded_from"
ALL = "all"

# name -> what it covers (docs/rules.md and docs/measures.md show these words)
SECTIONS: dict[str, str] = {
    "requests_received": "requests received (§1.2 requests_received)",
    "decisions": "decisions whether to assess within 6 weeks (§1.2)",
    "timeliness": "timeliness of new EHC plans (§1.1)",
    "not_to_issue": "decisions not to issue within 16 weeks (§1.3)",
    "open_assessments": "open assessments and the backlog (§1.4)",
    "annual_reviews": "annual reviews within 4 weeks (§1.5)",
    "reviews_overdue": "overdue annual reviews (§1.5)",
    "caseload": "active plans (§1.6 ehcplans)",
    "placements": "the rank-1 placement: mainstream and special shares (§1.6)",
    "phase_transfers": "phase transfers (§1.7)",
    "age_group": "age: breakdowns by age and the post-16 transfer deadline",
}

# Every section that needs a request's ReceivedDate, or its outcome codes.
NEEDS_RECEIVED_DATE = ("requests_received", "decisions", "timeliness", "not_to_issue",
                       "open_assessments")


def written(sections: Iterable[str]) -> str | None:
    """The column's text for a set of sections (None when barred from nothing)."""
    names = sorted(set(sections))
    unknown = [n for n in names if n not in SECTIONS]
    if unknown:
        raise ValueError(f"unknown measure section(s) {unknown}; one of {sorted(SECTIONS)}")
    return "," + ",".join(names) + "," if names else None


def read(text: str | None) -> tuple[str, ...]:
    return tuple(n for n in (text or "").split(",") if n)


def usable(section: str) -> pl.Expr:
    """True for rows the section may use."""
    if section not in SECTIONS:
        raise ValueError(f"unknown measure section {section!r}")
    return ~pl.col(COLUMN).fill_null("").str.contains("," + section + ",", literal=True)


def keep(frame: pl.DataFrame, section: str) -> pl.DataFrame:
    """The rows of ``frame`` the section may use (a frame without the column: all)."""
    if COLUMN not in frame.columns:
        return frame
    return frame.filter(usable(section))


def without_age(frame: pl.DataFrame) -> pl.DataFrame:
    """Forget the month of birth of rows barred from ``age_group``."""
    if COLUMN not in frame.columns or "birth_month" not in frame.columns:
        return frame
    return frame.with_columns(
        pl.when(usable("age_group")).then(pl.col("birth_month")).otherwise(None)
        .alias("birth_month")
    )


def usable_in(frame: pl.DataFrame, section: str) -> pl.Expr:
    """``usable(section)``, or always true for a frame without the column."""
    return usable(section) if COLUMN in frame.columns else pl.lit(True)
