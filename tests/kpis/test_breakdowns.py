from datetime import date
from decimal import Decimal

import polars as pl

from sendassure.kpis.breakdowns import (
    age_at,
    age_group,
    ethnicity_group,
    timeliness_by,
    timeliness_by_month,
    timeliness_by_quarter,
    timeliness_footprint,
    timeliness_rolling,
)


def test_age_at_request_from_birth_month():
    frame = pl.DataFrame({"b": [date(2010, 5, 1)] * 2, "on": [date(2024, 4, 30), date(2024, 5, 1)]})
    assert frame.select(age_at(pl.col("b"), pl.col("on"))).to_series().to_list() == [13, 14]


def test_age_groups():
    ages = pl.Series("a", [0, 4, 5, 10, 11, 15, 16, 19, 20, 25, 26, None])
    groups = pl.DataFrame([ages]).select(age_group(pl.col("a"))).to_series().to_list()
    assert groups == ["under 5", "under 5", "5 to 10", "5 to 10", "11 to 15", "11 to 15",
                      "16 to 19", "16 to 19", "20 to 25", "20 to 25", "Unknown", "Unknown"]


def test_ethnicity_groups():
    codes = pl.Series("e", ["WBRI", "MWBC", "AIND", "CHNE", "BAFR", "OOTH", "REFU", "NOBT", None,
                            "wirt"])
    assert pl.DataFrame([codes]).select(
        ethnicity_group(pl.col("e"))).to_series().to_list() == [
        "White", "Mixed", "Asian or Asian British", "Asian or Asian British",
        "Black or Black British", "Any other ethnic group", "Unclassified", "Unclassified",
        "Unclassified", "White",
    ]


def frame(build):
    i = build.issued
    jan = date(2024, 1, 1)
    return build.requests([
        i(jan, 100, sex="M", birth_month=date(2019, 2, 1)),  # issued Apr; aged 4 on request
        i(jan, 150, sex="M", birth_month=date(2013, 1, 1)),  # issued 30 May; aged 11
        i(jan, 120, sex="F", birth_month=date(2013, 1, 1), week20=True),  # issued 30 Apr
        i(jan, 20, sex=None, la="887"),                      # issued 21 Jan, Medway
        i(jan, 40, la="919"),                                # issued 10 Feb, outside footprint
        i(date(2024, 6, 1), 140, sex="F", request_source="2"),  # issued 19 Oct
    ])


def test_by_sex(build):
    result = timeliness_by(frame(build), "sex", 2024, las=["886", "887"])
    rows = {r["sex"]: r for r in result.to_dicts()}
    assert set(rows) == {"Female", "Male", "Unknown"}
    # Female: d 120 (w20) and 140: both within; ex: only 140
    assert rows["Female"]["plans_issued_den"] == 2
    assert rows["Female"]["pc_plans_issued_within_20_weeks"] == Decimal("100.0")
    assert rows["Female"]["plans_issued_den_ex"] == 1
    # Male: d 100 and 150: 1 of 2; mean (100+150)/14 = 17.86
    assert rows["Male"]["pc_plans_issued_within_20_weeks"] == Decimal("50.0")
    assert rows["Male"]["avg_weeks_issue_plan"] == Decimal("17.9")
    assert result.schema["pc_plans_issued_within_20_weeks"] == pl.Decimal(38, 1)


def test_by_age_group_and_source(build):
    ages = dict(timeliness_by(frame(build), "age_group", 2024)
                .select("age_group", "plans_issued_den").iter_rows())
    # defaults born Jan 2015 -> 8 or 9: "5 to 10" (d 20, 40, 140); 4 -> under 5; 11 -> 11 to 15
    assert ages == {"under 5": 1, "5 to 10": 3, "11 to 15": 2}
    sources = dict(timeliness_by(frame(build), "request_source", 2024)
                   .select("request_source", "plans_issued_den").iter_rows())
    assert sources == {"1": 5, "2": 1}


def test_by_month_lists_empty_months(build):
    months = timeliness_by_month(frame(build), date(2024, 1, 1), date(2024, 5, 1),
                                 las=["886", "887"])
    assert months["period_start"].to_list() == [date(2024, m, 1) for m in range(1, 6)]
    # Jan: d 20; Feb: none (the Feb case is outside the footprint); Mar: none;
    # Apr: d 100, 120; May: d 150
    assert months["plans_issued_den"].to_list() == [1, 0, 0, 2, 1]
    assert months["pc_plans_issued_within_20_weeks"].to_list() == [
        Decimal("100.0"), None, None, Decimal("100.0"), Decimal("0.0")]


def test_rolling_and_quarters(build):
    rolling = timeliness_rolling(frame(build), 3, date(2024, 3, 1), date(2024, 5, 1))
    # windows Jan-Mar (20, 40), Feb-Apr (40, 100, 120), Mar-May (100, 120, 150)
    assert rolling["period_start"].to_list() == [date(2024, 1, 1), date(2024, 2, 1),
                                                 date(2024, 3, 1)]
    assert rolling["period_end"].to_list() == [date(2024, 3, 31), date(2024, 4, 30),
                                               date(2024, 5, 31)]
    assert rolling["plans_issued_den"].to_list() == [2, 3, 3]
    assert rolling["pc_plans_issued_within_20_weeks"].to_list()[2] == Decimal("66.7")  # 2/3
    twelve = timeliness_rolling(frame(build), 12, date(2024, 12, 1), date(2024, 12, 1))
    assert twelve["plans_issued_den"].to_list() == [6]
    quarters = timeliness_by_quarter(frame(build), 2024)
    assert quarters["quarter"].to_list() == ["2024 Q1", "2024 Q2", "2024 Q3", "2024 Q4"]
    assert quarters["plans_issued_den"].to_list() == [2, 3, 0, 1]


def test_footprint(build):
    result = timeliness_footprint(frame(build), ["886", "887"], 2024)
    rows = {r["la"]: r for r in result.to_dicts()}
    assert set(rows) == {"886", "887", "footprint"}  # 919 left out
    assert rows["886"]["plans_issued_den"] == 4
    assert rows["887"]["plans_issued_den"] == 1
    # footprint: d 100, 150, 120, 140, 20 -> 4 of 5 within = 80.0
    assert rows["footprint"]["plans_issued_den"] == 5
    assert rows["footprint"]["pc_plans_issued_within_20_weeks"] == Decimal("80.0")
