"""Breakdowns: any measure's population split by one dimension, for one LA or a footprint.

Every population a measure function builds (``population`` in each measure module) has
the frame's child-level columns and ``age_on``, the date a child's age is taken on (the
request's ``ReceivedDate`` for requests, the reference date for active plans). A
breakdown groups that population by one of ``DIMENSIONS`` and summarises each group with
the measure's own ``summarise``, so a group's figure is computed exactly as the whole.

Dimensions:
- ``sex``: Male / Female / Unknown;
- ``age_group``: age in whole years on ``age_on``, from the month of birth (taken as the
  1st): under 5, 5 to 10, 11 to 15, 16 to 19, 20 to 25, Unknown;
- ``ethnicity_group``: CBDS code to major group (White, Mixed, Asian or Asian British,
  Black or Black British, Any other ethnic group, Unclassified); Chinese counts as Asian,
  as in DfE's current tables; refused / not obtained / missing are Unclassified;
- ``primary_need``, ``request_source``, ``locality``, ``la``: the field's own value, null
  shown as ``Unknown`` (``request_source`` exists for requests only).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import polars as pl

from sendassure.kpis.results import Result

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
    "age_group": lambda: age_group(age_at(pl.col("birth_month"), pl.col("age_on"))),
    "ethnicity_group": lambda: ethnicity_group(pl.col("ethnicity")),
    "primary_need": _value("primary_need"),
    "request_source": _value("request_source"),
    "locality": _value("locality"),
    "la": _value("la"),
}
DIMENSION_LABELS = {
    "sex": "Sex", "age_group": "Age", "ethnicity_group": "Ethnic group",
    "primary_need": "Primary need", "request_source": "Who made the request",
    "locality": "Locality (postcode district)", "la": "Local authority",
}
REQUEST_ONLY = ("request_source",)


def footprint(frame: pl.DataFrame, las: Sequence[str] | None) -> pl.DataFrame:
    """Rows of the LAs in ``las`` (all rows when ``las`` is None)."""
    return frame if las is None else frame.filter(pl.col("la").is_in(list(las)))


def group_of(dimension: str) -> pl.Expr:
    if dimension not in DIMENSIONS:
        raise ValueError(f"unknown breakdown {dimension!r}; one of {sorted(DIMENSIONS)}")
    return DIMENSIONS[dimension]()


def with_group(population: pl.DataFrame, dimension: str) -> pl.DataFrame:
    """The population with its group in column ``group``."""
    return population.with_columns(group_of(dimension).alias("group"))


def all_groups(records: pl.DataFrame, dimension: str) -> list[str]:
    """Every group of ``dimension`` the records hold (for age, every age group), so a
    breakdown can list the groups nobody in a period fell into, with zeros."""
    if dimension == "age_group":
        return [label for label, _, _ in AGE_GROUPS] + [UNKNOWN]
    return sorted(records.select(group_of(dimension).alias("g"))["g"].unique().to_list())


def grouped(population: pl.DataFrame, dimension: str,
            summarise: Callable[[pl.DataFrame], Result]) -> dict[str, Result]:
    """Each group present in ``population`` (sorted) and its summary."""
    frame = with_group(population, dimension)
    parts = {key[0]: part for key, part in frame.partition_by("group", as_dict=True).items()}
    return {group: summarise(parts[group]) for group in sorted(parts)}


def in_group(population: pl.DataFrame, dimension: str, group: str) -> pl.DataFrame:
    """The rows of one group (``dimension=group``)."""
    return with_group(population, dimension).filter(pl.col("group") == group).drop("group")
