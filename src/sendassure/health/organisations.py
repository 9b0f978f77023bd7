"""Organisations named in a sitrep: England, NHS England regions, ICBs and providers.

The 2023 sitreps name regions and ICBs without codes, and spell them differently from
month to month ("Cornwall and the Isles of Scilly", "Cornwall and The Isles Of
Scilly"). Names are matched to ODS codes through the ONS ICB lookup shipped in
``data/icb_2022.csv``, case and "NHS ... Integrated Care Board" aside. Providers have no
lookup: a table's own code column is used when it has one, else the published name is
the provider's key.
"""

from __future__ import annotations

import csv
import re
from functools import cache
from pathlib import Path

ENGLAND_CODE = "E92000001"
ENGLAND = "england"
REGION = "region"
ICB = "icb"
PROVIDER = "provider"
LEVELS = ((ENGLAND, "England"), (REGION, "NHS England region"),
          (ICB, "Integrated care board"), (PROVIDER, "Provider"))
LOOKUP = Path(__file__).parent / "data" / "icb_2022.csv"


def comparable(name: str) -> str:
    """A name reduced to what distinguishes it: case, '&', 'NHS' and 'Integrated Care
    Board' do not."""
    text = name.lower().replace("&", " and ")
    text = re.sub(r"\bintegrated care board\b|\bicb\b|^nhs\b", " ", text.strip())
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


@cache
def _names() -> dict[tuple[str, str], tuple[str, str]]:
    """(level, comparable name) -> (code, official name)."""
    found: dict[tuple[str, str], tuple[str, str]] = {}
    with LOOKUP.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            found[(ICB, comparable(row["icb_name"]))] = (row["icb_code"], row["icb_name"])
            found[(REGION, comparable(row["region_name"]))] = (row["region_code"],
                                                                row["region_name"])
    return found


def code_of(level: str, name: str) -> str | None:
    """The ODS code of a region or ICB named ``name``; England's ONS code; None if unknown."""
    if level == ENGLAND:
        return ENGLAND_CODE
    hit = _names().get((level, comparable(name)))
    return hit[0] if hit else None


@cache
def _regions() -> dict[str, str]:
    with LOOKUP.open(encoding="utf-8") as handle:
        return {row["icb_code"]: row["region_code"] for row in csv.DictReader(handle)}


def region_of(icb: str) -> str | None:
    """The NHS England region (ODS code) an ICB is in; None for a code not an ICB."""
    return _regions().get(icb)


AREAS = Path(__file__).parent / "data" / "la_icb_2022.csv"


@cache
def _icbs_by_area() -> dict[str, tuple[tuple[str, str], ...]]:
    found: dict[str, list[tuple[str, str]]] = {}
    with AREAS.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            found.setdefault(row["la_code"], []).append((row["icb_code"], row["icb_name"]))
    return {la: tuple(icbs) for la, icbs in found.items()}


def icbs_of(la: str) -> tuple[tuple[str, str], ...]:
    """The ICB(s) (code, name) a local authority's area falls in; two or three for the
    counties that span more than one."""
    return _icbs_by_area().get(la, ())
