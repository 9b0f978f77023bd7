"""§1.1 timeliness by period and by breakdown, for one LA or a footprint of several.

Every function returns a polars frame: key columns first, then the catalogue's output
names (counts ``Int64``, percentages and average weeks ``Decimal`` 1 dp, null for a zero
denominator). Groups with no plans issued do not appear (except months/quarters, which
are always listed, with zero counts).

Breakdown keys (``DIMENSIONS``):
- ``sex``: Male / Female / Unknown;
- ``age_group``: age in whole years on ``ReceivedDate``, from the month of birth
  (taken as the 1st): under 5, 5 to 10, 11 to 15, 16 to 19, 20 to 25, Unknown;
- ``ethnicity_group``: CBDS code to major group (White, Mixed, Asian or Asian British,
  Black or Black British, Any other ethnic group, Unclassified); Chinese counts as Asian,
  as in DfE's current tables; refused / not obtained / missing are Unclassified;
- ``primary_need``, ``request_source``, ``locality``, ``la``: the field's own value, null
  shown as ``Unknown``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta

import polars as pl

from sendassure.kpis.results import results_frame, year_bounds
from sendassure.kpis.timeliness import Timeliness, plans_issued, summarise_frame

UNKNOWN = "Unknown"
AGE_GROUPS = (
    ("under 5", 0, 4),
    ("5 to 10", 5, 10),
    ("11 to 15", 11, 15),
    ("16 to 19", 16, 19),
    ("20 to 25", 20, 25),
)
ETHNICITY_GROUPS = {
    "W": "White",
    "M": "Mixed",
    "A": "Asian or Asian British",
    "C": "Asian or Asian British",  # CHNE and the extended Chinese codes
    "B": "Black or Black British",
    "O": "Any other ethnic group",
}
UNCLASSIFIED = "Unclassified"
UNCLASSIFIED_CODES = ("REFU", "NOBT")
SEX_NAMES = {"M": "Male", "F": "Female"}


def age_at(birth_month: pl.Expr, on: pl.Expr) -> pl.Expr:
    """Whole years from ``birth_month`` (a 1st of the month) to ``on``."""
    years = on.dt.year() - birth_month.dt.year()
    not_yet = (on.dt.month() < birth_month.dt.month()) | (
        (on.dt.month() == birth_month.dt.month()) & (on.dt.day() < birth_month.dt.day())
    )
    return years - not_yet.cast(pl.Int32)


def age_group(age: pl.Expr) -> pl.Expr:
    expr = pl.when(age.is_null()).then(pl.lit(UNKNOWN))
    for label, low, high in AGE_GROUPS:
        expr = expr.when(age.is_between(low, high)).then(pl.lit(label))
    return expr.otherwise(pl.lit(UNKNOWN))


def ethnicity_group(code: pl.Expr) -> pl.Expr:
    clean = code.str.strip_chars().str.to_uppercase()
    first = clean.str.slice(0, 1)
    expr = pl.when(clean.is_null() | clean.is_in(UNCLASSIFIED_CODES) | (clean == "")).then(
        pl.lit(UNCLASSIFIED)
    )
    for letter, group in ETHNICITY_GROUPS.items():
        expr = expr.when(first == letter).then(pl.lit(group))
    return expr.otherwise(pl.lit(UNCLASSIFIED))


def _value(column: str) -> Callable[[], pl.Expr]:
    return lambda: pl.col(column).cast(pl.String).fill_null(UNKNOWN)


DIMENSIONS: dict[str, Callable[[], pl.Expr]] = {
    "sex": lambda: pl.col("sex").replace_strict(SEX_NAMES, default=UNKNOWN),
    "age_group": lambda: age_group(age_at(pl.col("birth_month"), pl.col("received_date"))),
    "ethnicity_group": lambda: ethnicity_group(pl.col("ethnicity")),
    "primary_need": _value("primary_need"),
    "request_source": _value("request_source"),
    "locality": _value("locality"),
    "la": _value("la"),
}


def footprint(frame: pl.DataFrame, las: Sequence[str] | None) -> pl.DataFrame:
    """Rows of the LAs in ``las`` (all rows when ``las`` is None)."""
    return frame if las is None else frame.filter(pl.col("la").is_in(list(las)))


def _grouped(population: pl.DataFrame, key: str) -> pl.DataFrame:
    groups = sorted(population[key].unique().to_list())
    results = [summarise_frame(population.filter(pl.col(key) == g)) for g in groups]
    return results_frame([{key: g} for g in groups], results, {key: pl.String()}, Timeliness)


def timeliness_by(
    requests: pl.DataFrame,
    dimension: str,
    year: int,
    as_of: date | None = None,
    las: Sequence[str] | None = None,
) -> pl.DataFrame:
    """§1.1 for calendar ``year`` by one of ``DIMENSIONS`` (column named after it)."""
    if dimension not in DIMENSIONS:
        raise ValueError(f"unknown breakdown {dimension!r}; one of {sorted(DIMENSIONS)}")
    start, end = year_bounds(year)
    population = plans_issued(footprint(requests, las), start, end, as_of or end)
    return _grouped(population.with_columns(DIMENSIONS[dimension]().alias(dimension)), dimension)


def timeliness_footprint(
    requests: pl.DataFrame, las: Sequence[str], year: int, as_of: date | None = None
) -> pl.DataFrame:
    """One row per LA of the footprint, then a row ``la = "footprint"`` over all of them."""
    per_la = timeliness_by(requests, "la", year, as_of, las)
    start, end = year_bounds(year)
    whole = summarise_frame(plans_issued(footprint(requests, las), start, end, as_of or end))
    total = results_frame([{"la": "footprint"}], [whole], {"la": pl.String()}, Timeliness)
    return pl.concat([per_la, total])


def month_start(day: date) -> date:
    return day.replace(day=1)


def add_months(day: date, months: int) -> date:
    """The first of the month ``months`` after ``day``'s month."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def month_end(day: date) -> date:
    return add_months(day, 1) - timedelta(days=1)


def _periods(
    requests: pl.DataFrame,
    windows: list[tuple[date, date]],
    as_of: date | None,
    las: Sequence[str] | None,
) -> pl.DataFrame:
    scoped = footprint(requests, las)
    results = [
        summarise_frame(plans_issued(scoped, start, end, as_of or end)) for start, end in windows
    ]
    keys = [{"period_start": s, "period_end": e} for s, e in windows]
    schema = {"period_start": pl.Date(), "period_end": pl.Date()}
    return results_frame(keys, results, schema, Timeliness)


def timeliness_by_month(
    requests: pl.DataFrame,
    first_month: date,
    last_month: date,
    as_of: date | None = None,
    las: Sequence[str] | None = None,
) -> pl.DataFrame:
    """§1.1 by month of issue, each month as known at its end (or on ``as_of``)."""
    windows = []
    month = month_start(first_month)
    while month <= last_month:
        windows.append((month, month_end(month)))
        month = add_months(month, 1)
    return _periods(requests, windows, as_of, las)


def timeliness_by_quarter(
    requests: pl.DataFrame, year: int, as_of: date | None = None, las: Sequence[str] | None = None
) -> pl.DataFrame:
    """§1.1 by calendar quarter of issue (Jan-Mar, Apr-Jun, Jul-Sep, Oct-Dec)."""
    windows = [(date(year, m, 1), month_end(date(year, m + 2, 1))) for m in (1, 4, 7, 10)]
    frame = _periods(requests, windows, as_of, las)
    labels = [f"{year} Q{q}" for q in range(1, 5)]
    return frame.insert_column(0, pl.Series("quarter", labels, dtype=pl.String()))


def timeliness_rolling(
    requests: pl.DataFrame,
    months: int,
    first_month: date,
    last_month: date,
    as_of: date | None = None,
    las: Sequence[str] | None = None,
) -> pl.DataFrame:
    """§1.1 over rolling windows of ``months`` months (3 or 12), one row per window,
    ending in each month from ``first_month`` to ``last_month``."""
    if months < 1:
        raise ValueError("months must be at least 1")
    windows = []
    month = month_start(first_month)
    while month <= last_month:
        windows.append((add_months(month, 1 - months), month_end(month)))
        month = add_months(month, 1)
    return _periods(requests, windows, as_of, las)
