"""Build what ``benchmarks`` ships from the published files: the LA lookup
(``data/local_authorities.csv``) and the outcomes extract (``data/outcomes.csv.gz``,
tidy, every LA, region and England).

Regenerate (from the repository root; ``DATA`` is the shared data folder holding
``dfe_send_dashboard/``, ``redress/``, ``ofsted_area_send/`` and ``ees/``):

    python -m sendassure.benchmarks.outcomes.extract DATA

Sources (all Open Government Licence v3.0 unless said): DfE's Local Area SEND and AP
Inclusion Dashboard data files (dfe-analytical-services/SEND-AP-Inclusion-Dashboard,
code MIT); the EES "Education, health and care plans" 2025 caseload file (EHC plans in
mainstream); the MoJ/DfE SEND appeal rate table 2014-2024; the area SEND inspection
overview and LA lookup (data-to-insight/ofsted-send-scrape-tool, MIT).
"""

from __future__ import annotations

import csv
import gzip
import io
import sys
from pathlib import Path

from ..authorities import COLUMNS, LOOKUP
from .layouts import TIDY_COLUMNS, Record, read

SHIPPED = Path(__file__).parent.parent / "data" / "outcomes.csv.gz"
DASHBOARD = ("eyfsp.csv", "ks1_phonics.csv", "ks2_attainment.csv", "ks4_attainment.csv",
             "absence.csv", "destinations_1618.csv", "percent_pupils_ehcp.csv",
             "mainstream_with_sen.csv", "cin_la.csv", "dsg_deficit.csv",
             "specialist_spend.csv", "tribunals.csv", "ofsted.csv")


def sources(data: Path) -> list[Path]:
    """The files the extract is built from, in load order (later replaces earlier)."""
    board = data / "dfe_send_dashboard" / "data"
    return [*(board / name for name in DASHBOARD),
            data / "ees" / "ehcp_2025" / "data" / "caseload.csv",
            data / "redress" / "SEND_Tribunals_and_appeal_rate_2014-2024.csv",
            data / "ofsted_area_send" / "ofsted_area_send_overview.csv"]


def lookup_rows(data: Path) -> list[dict]:
    """The LA lookup: the inspection data's LA table (codes, names, regions, neighbours),
    plus LAs it lacks that older DfE files still publish (from the EES caseload file)."""
    source = data / "ofsted_area_send" / "Provider_data_lookup.csv"
    with open(source, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    out = {}
    for r in rows:
        aliases = [a.strip() for a in r["also_known_as"].strip("[]").split(",") if a.strip()]
        out[r["la_code"]] = {
            "la_code": r["la_code"], "new_la_code": r["la_code_new"],
            "name": r["local_authority_ons_name"], "also_known_as": ";".join(aliases),
            "region": r["region_name"],
            "neighbours": " ".join(c.strip() for c in r["stat_neighbours"].split(",") if c.strip()),
        }
    caseload = data / "ees" / "ehcp_2025" / "data" / "caseload.csv"
    with open(caseload, encoding="utf-8-sig", newline="") as handle:
        for r in csv.DictReader(handle):
            code = r.get("old_la_code", "")
            if r.get("geographic_level") != "Local authority" or not code:
                continue
            if code not in out:
                out[code] = {"la_code": code, "new_la_code": r["new_la_code"],
                             "name": r["la_name"], "also_known_as": "",
                             "region": r["region_name"], "neighbours": ""}
            elif out[code]["name"] != r["la_name"]:  # DfE's name first, the ONS name kept
                known = out[code]
                aliases = [known["name"], *known["also_known_as"].split(";")]
                known["name"] = r["la_name"]
                known["also_known_as"] = ";".join(a for a in dict.fromkeys(aliases)
                                                  if a and a != r["la_name"])
    return [out[k] for k in sorted(out)]


def tidy_rows(records: list[Record]) -> list[list[str]]:
    def text(value) -> str:
        if value is None:
            return ""
        if isinstance(value, float):
            return repr(int(value)) if value.is_integer() else repr(value)
        return str(value)

    latest = {r.key(): r for r in records}  # a later file replaces the same key
    ordered = sorted(latest.values(), key=lambda r: (r.series, r.period, r.geographic_level,
                                                    r.la_code, r.region, r.characteristic))
    return [[text(getattr(r, c)) for c in TIDY_COLUMNS] for r in ordered]


def write_gzip_csv(header, rows, path: Path) -> None:
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    with open(path, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0,
                                                compresslevel=9) as out:
        out.write(text.getvalue().encode("utf-8"))


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__)
        return 2
    data = Path(argv[0])
    rows = lookup_rows(data)
    with open(LOOKUP, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"{LOOKUP}: {len(rows)} local authorities")
    from .. import authorities as lookup

    for cached in (lookup.authorities, lookup._by_name, lookup._by_new_code):
        cached.cache_clear()
    records = [record for path in sources(data) for record in read(path)]
    tidy = tidy_rows(records)
    write_gzip_csv(TIDY_COLUMNS, tidy, SHIPPED)
    print(f"{SHIPPED}: {len(tidy)} values")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
