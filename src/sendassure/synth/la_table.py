"""The 153 English local authorities and their published EHC plan figures.

``la_codes.csv`` (beside this module) is committed data, built once by
:func:`build_la_csv` from DfE's "Education, health and care plans" 2025 release
(DfE's EHC plans 2025 release): one row per local authority that has a
caseload figure for January 2025 (``time_period`` 202425), with

- ``old_la_code`` (the 3-digit code SEN2 uses in ``LEA``), ``new_la_code``, ``la_name``;
- ``ehcplans_<Y>``: active plans in January of ``Y + 1`` (caseload ``time_period``
  ``Y``/``Y+1``), for Y = 2018..2024;
- ``requests_<Y>``: ``requests_received_in_year`` for calendar year Y = 2019..2024;
- ``pc20_<Y>``: ``pc_plans_issued_within_20_weeks`` for Y = 2019..2024;
- ``mainstream_pc_<Y>``: ``mainstream_total_pc`` of the January ``Y + 1`` caseload.

Suppressed or unavailable cells (``x``, ``c``, ``z``, ``low``) are left blank.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

LA_CSV = Path(__file__).with_name("la_codes.csv")
CASELOAD_YEARS = tuple(range(2018, 2025))
FLOW_YEARS = tuple(range(2019, 2025))


@dataclass(frozen=True, slots=True)
class LocalAuthority:
    old_la_code: str
    new_la_code: str
    la_name: str
    ehcplans: dict[int, int]
    requests: dict[int, int]
    pc_within_20_weeks: dict[int, float]
    mainstream_pc: dict[int, float]


def _number(text: str) -> str:
    text = (text or "").strip()
    try:
        float(text)
    except ValueError:
        return ""
    return text


def build_la_csv(ees_dir: Path, out_path: Path = LA_CSV) -> int:
    """Rebuild ``la_codes.csv`` from the EES files; return the number of LAs written."""

    def rows(name: str):
        with open(Path(ees_dir) / f"{name}.csv", encoding="utf-8-sig", newline="") as fh:
            for row in csv.DictReader(fh):
                if row["geographic_level"] == "Local authority":
                    yield row

    table: dict[str, dict[str, str]] = {}
    for row in rows("caseload"):
        if row["breakdown_topic"] != "All EHC plans":
            continue
        year = int(row["time_period"][:4])
        if row["time_period"] == "202425":
            table.setdefault(row["old_la_code"], {}).update(
                old_la_code=row["old_la_code"],
                new_la_code=row["new_la_code"],
                la_name=row["la_name"],
            )
        table.setdefault(row["old_la_code"], {})[f"ehcplans_{year}"] = _number(row["ehcplans"])
        table[row["old_la_code"]][f"mainstream_pc_{year}"] = _number(row["mainstream_total_pc"])
    for row in rows("requests"):
        if row["breakdown_topic"].startswith("All"):
            code = row["old_la_code"]
            if code in table:
                table[code][f"requests_{row['time_period']}"] = _number(
                    row["requests_received_in_year"]
                )
    for row in rows("timeliness_20_week"):
        if row["breakdown_topic"].startswith("All"):
            code = row["old_la_code"]
            if code in table:
                table[code][f"pc20_{row['time_period']}"] = _number(
                    row["pc_plans_issued_within_20_weeks"]
                )
    columns = ["old_la_code", "new_la_code", "la_name"]
    columns += [f"ehcplans_{y}" for y in CASELOAD_YEARS]
    columns += [f"mainstream_pc_{y}" for y in CASELOAD_YEARS]
    columns += [f"requests_{y}" for y in FLOW_YEARS]
    columns += [f"pc20_{y}" for y in FLOW_YEARS]
    current = sorted(code for code, row in table.items() if "new_la_code" in row)
    with open(out_path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        for code in current:
            writer.writerow({c: table[code].get(c, "") for c in columns})
    return len(current)


@lru_cache(maxsize=1)
def local_authorities() -> tuple[LocalAuthority, ...]:
    """Every English LA in ``la_codes.csv``, in 3-digit code order."""
    out = []
    with open(LA_CSV, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):

            def series(prefix: str, years, cast, row=row):
                return {y: cast(row[f"{prefix}_{y}"]) for y in years if row[f"{prefix}_{y}"]}

            out.append(
                LocalAuthority(
                    old_la_code=row["old_la_code"],
                    new_la_code=row["new_la_code"],
                    la_name=row["la_name"],
                    ehcplans=series("ehcplans", CASELOAD_YEARS, int),
                    requests=series("requests", FLOW_YEARS, int),
                    pc_within_20_weeks=series("pc20", FLOW_YEARS, float),
                    mainstream_pc=series("mainstream_pc", CASELOAD_YEARS, float),
                )
            )
    return tuple(out)


def la_codes() -> tuple[str, ...]:
    """The 153 three-digit LA codes (SEN2 ``LEA``)."""
    return tuple(la.old_la_code for la in local_authorities())


def local_authority(code: str) -> LocalAuthority | None:
    for la in local_authorities():
        if la.old_la_code == code:
            return la
    return None
