"""England's local authorities: codes, names, regions and statistical neighbours.

Shipped as ``data/local_authorities.csv`` (built by ``benchmarks.outcomes.extract``):
one row per LA, old (3-digit) and new (ONS) codes, the name DfE uses, other names it is
published under, its region, and its ten statistical neighbours, closest first.

Neighbours come from the LA lookup that ships with the area SEND inspection data
(``Provider_data_lookup.csv``, data-to-insight/ofsted-send-scrape-tool, MIT; column
``stat_neighbours``), which carries DfE's children's services statistical neighbour
lists as published in the LA Interactive Tool. LAs that no longer exist (Bournemouth,
Poole, the old Dorset, Cumbria, Northamptonshire) keep their codes so older published
rows still find their area; those without a list have none.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

LOOKUP = Path(__file__).parent / "data" / "local_authorities.csv"
COLUMNS = ("la_code", "new_la_code", "name", "also_known_as", "region", "neighbours")


@dataclass(frozen=True)
class Authority:
    code: str  # old 3-digit code, e.g. "886"
    new_code: str  # ONS code, e.g. "E10000016"
    name: str
    region: str
    neighbours: tuple[str, ...]
    also_known_as: tuple[str, ...] = ()


def name_key(name: str) -> str:
    """A name as compared: "Bristol, City of" = "bristol", "St. Helens" = "st helens",
    "Northamptonshire7" (a footnote mark) = "northamptonshire", "&" = "and"."""
    text = (name or "").strip().lower().replace("&", " and ")
    text = re.sub(r"[\d,]+$", "", text)  # footnote marks
    text = re.sub(r",?\s*(city|county) of$", "", text)
    text = re.sub(r"^(city|county) of\s+", "", text)
    text = re.sub(r"[^a-z ]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def region_key(name: str) -> str:
    return name_key(name)


@cache
def authorities() -> dict[str, Authority]:
    with open(LOOKUP, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return {r["la_code"]: Authority(
        r["la_code"], r["new_la_code"], r["name"], r["region"],
        tuple(r["neighbours"].split()), tuple(filter(None, r["also_known_as"].split(";"))))
        for r in rows}


@cache
def _by_name() -> dict[str, str]:
    found: dict[str, str] = {}
    for la in authorities().values():
        for name in (la.name, *la.also_known_as):
            found.setdefault(name_key(name), la.code)
    return found


@cache
def _by_new_code() -> dict[str, str]:
    return {la.new_code: la.code for la in authorities().values() if la.new_code}


def code_for_new(new_code: str) -> str | None:
    """The 3-digit code of the LA with this ONS code (None if unknown)."""
    return _by_new_code().get(new_code)


def code_for(name: str) -> str | None:
    """The 3-digit code of the LA published as ``name`` (None if unknown)."""
    return _by_name().get(name_key(name))


def authority(code: str) -> Authority | None:
    return authorities().get(code)


def name_of(code: str) -> str:
    found = authorities().get(code)
    return found.name if found else code


def region_of(code: str) -> str:
    found = authorities().get(code)
    return found.region if found else ""
