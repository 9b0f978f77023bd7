import gzip
from decimal import Decimal

import polars as pl
import pytest

from sendassure.benchmarks.ees import Missing, parse_value, read_ees
from sendassure.benchmarks.extract import shipped
from sendassure.kpis.percent import percent
from tests.support.shared import DATA

SHARED = DATA / "ees" / "ehcp_2025" / "data" / "timeliness_20_week.csv"

# published percentage column -> (numerator, denominator), names as published
TIMELINESS_PERCENTAGES = {
    "pc_plans_issued_within_20_weeks": ("plans_issued_within_20_weeks", "plans_issued_den"),
    "pc_plans_issued_gt20weeks_ltYear": ("plans_issued_gt20weeks_ltYear", "plans_issued_den"),
    "pc_plans_issued_gt_1_year": ("plans_issued_gt_1_year", "plans_issued_den"),
    "PC_plans_issued_20_weeks_ex": ("plans_issued_20_weeks_ex", "plans_issued_den_ex"),
    "PC_plans_issued_gt20weeks_ltYear_ex": ("plans_issued_gt20weeks_ltYear_ex",
                                            "plans_issued_den_ex"),
    "PC_plans_issued_gt_1_year_ex": ("plans_issued_gt_1_year_ex", "plans_issued_den_ex"),
}


def recompute_all(path):
    long = read_ees(path)
    values = {(r, m): (v, why) for r, m, v, why in
              long.select("row", "measure", "value", "reason").iter_rows()}
    rows = long["row"].unique().to_list()
    checked, mismatches = 0, []
    for row in rows:
        for pc, (num, den) in TIMELINESS_PERCENTAGES.items():
            published, why = values[row, pc]
            n, n_why = values[row, num]
            d, d_why = values[row, den]
            if why or n_why or d_why:  # a symbol in the counts or the percentage
                continue
            ours = percent(int(n), int(d))
            checked += 1
            if ours != Decimal(str(published)):
                mismatches.append((row, pc, n, d, published, ours))
    return checked, mismatches


@pytest.mark.skipif(not SHARED.exists(), reason="the shared 2025 release is not on this machine")
def test_every_published_timeliness_percentage_is_reproduced():
    checked, mismatches = recompute_all(SHARED)
    assert mismatches == []
    assert checked == 70037  # all 70,037 percentages of the 2025 release (the DfE rule: divide, multiply, round half up)


def test_shipped_extract_reproduces_too():
    checked, mismatches = recompute_all(shipped("timeliness_20_week.csv"))
    assert mismatches == [] and checked == 70037


def test_symbols_become_missing_with_reason():
    text = (
        "\ufefftime_period,time_identifier,geographic_level,country_code,country_name,"
        "new_la_code,old_la_code,la_name,breakdown_topic,breakdown,Total_Count,pc_thing\n"
        "2024,Calendar year,Local authority,E92000001,England,E10000016,886,Kent,All,All,"
        "1234,x\n"
        "2024,Calendar year,Local authority,E92000001,England,E10000016,886,Kent,Sex,Female,"
        "c,[z]\n"
        "2024,Calendar year,National,E92000001,England,,,,All,All,low,:\n"
        "2024,Calendar year,National,E92000001,England,,,,Sex,Female,,u\n"
    )
    long = read_ees(gzip.compress(text.encode("utf-8")))
    assert set(long["measure"]) == {"Total_Count", "pc_thing"}  # header case kept
    got = {(r["row"], r["measure"]): (r["value"], r["reason"]) for r in long.to_dicts()}
    assert got[1, "Total_Count"] == (1234.0, None)
    assert got[1, "pc_thing"] == (None, "x")
    assert got[2, "Total_Count"] == (None, "c")
    assert got[2, "pc_thing"] == (None, "z")
    assert got[3, "Total_Count"] == (None, "low")
    assert got[3, "pc_thing"] == (None, ":")
    assert got[4, "Total_Count"] == (None, "")  # blank
    assert got[4, "pc_thing"] == (None, "u")
    first = long.filter(pl.col("row") == 1).row(0, named=True)
    assert (first["area_code"], first["old_la_code"], first["area_name"]) == (
        "E10000016", "886", "Kent")
    national = long.filter(pl.col("row") == 3).row(0, named=True)
    assert (national["area_code"], national["area_name"]) == ("E92000001", "England")


def test_parse_value():
    assert parse_value("12.5") == 12.5
    assert parse_value(" 1,234 ") == 1234.0
    assert parse_value("x") == Missing("x")
    assert parse_value("[c]") == Missing("c")
    assert parse_value("LOW") == Missing("low")
    assert parse_value("k").description
    assert parse_value("weird") == Missing("weird")


def test_extra_filter_columns_are_kept():
    text = (
        "time_period,time_identifier,geographic_level,country_code,country_name,phase,count\n"
        "2024,Calendar year,National,E92000001,England,Primary,5\n"
    )
    long = read_ees(text.encode())
    assert long["measure"].to_list() == ["count"]
    assert long["phase"].to_list() == ["Primary"]
    assert long["breakdown"].to_list() == [None]


def test_shipped_caseload_kent():
    long = read_ees(shipped("caseload.csv"))
    kent = long.filter((pl.col("old_la_code") == "886") & (pl.col("time_period") == "202425"))
    got = dict(kent.select("measure", "value").iter_rows())
    # published: Kent January 2025, 20,635 plans, 36.1% mainstream
    assert got["ehcplans"] == 20635
    assert got["mainstream_total_pc"] == 36.1
