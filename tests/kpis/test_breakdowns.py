from datetime import date
from decimal import Decimal

import polars as pl

from sendassure.kpis import caseload, decisions, timeliness
from sendassure.kpis.breakdowns import (
    age_at,
    age_group,
    ethnicity_group,
    footprint,
    grouped,
    in_group,
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


def issued_2024(build, las=None):
    return timeliness.population(footprint(frame(build), las), date(2024, 1, 1),
                                 date(2024, 12, 31), date(2024, 12, 31))


def test_by_sex(build):
    rows = grouped(issued_2024(build, ["886", "887"]), "sex", timeliness.summarise)
    assert set(rows) == {"Female", "Male", "Unknown"}
    # Female: d 120 (w20) and 140: both within; ex: only 140
    assert rows["Female"].plans_issued_den == 2
    assert rows["Female"].pc_plans_issued_within_20_weeks == Decimal("100.0")
    assert rows["Female"].plans_issued_den_ex == 1
    # Male: d 100 and 150: 1 of 2; mean (100+150)/14 = 17.86
    assert rows["Male"].pc_plans_issued_within_20_weeks == Decimal("50.0")
    assert rows["Male"].avg_weeks_issue_plan == Decimal("17.9")


def test_by_age_group_and_source(build):
    ages = {g: r.plans_issued_den
            for g, r in grouped(issued_2024(build), "age_group", timeliness.summarise).items()}
    # defaults born Jan 2015 -> 8 or 9: "5 to 10" (d 20, 40, 140); 4 -> under 5; 11 -> 11 to 15
    assert ages == {"under 5": 1, "5 to 10": 3, "11 to 15": 2}
    sources = {g: r.plans_issued_den for g, r in
               grouped(issued_2024(build), "request_source", timeliness.summarise).items()}
    assert sources == {"1": 5, "2": 1}


def test_one_group_is_the_whole_computed_on_its_rows(build):
    female = in_group(issued_2024(build), "sex", "Female")
    assert timeliness.summarise(female).plans_issued_den == 2
    assert in_group(issued_2024(build), "sex", "Nobody").height == 0


def test_footprint_keeps_its_las(build):
    per_la = {g: r.plans_issued_den for g, r in
              grouped(issued_2024(build, ["886", "887"]), "la", timeliness.summarise).items()}
    assert per_la == {"886": 4, "887": 1}  # 919 left out
    whole = timeliness.summarise(issued_2024(build, ["886", "887"]))
    # footprint: d 100, 150, 120, 140, 20 -> 4 of 5 within = 80.0
    assert whole.plans_issued_den == 5
    assert whole.pc_plans_issued_within_20_weeks == Decimal("80.0")


def test_other_measures_break_down_the_same_way(build):
    r, p = build.request, build.plan
    requests = build.requests([
        r(date(2024, 2, 1), sex="F", request_outcome="Y",
          request_outcome_date=date(2024, 3, 1)),   # decided in 29 days
        r(date(2024, 2, 1), sex="M", request_outcome="N",
          request_outcome_date=date(2024, 4, 1)),   # decided in 60 days, refused
        r(date(2024, 3, 1), sex="M"),               # received only
    ])
    pop = decisions.population(requests, date(2024, 1, 1), date(2024, 12, 31),
                               date(2024, 12, 31))
    by_sex = grouped(pop, "sex", decisions.summarise)
    assert (by_sex["Male"].requests_received, by_sex["Male"].requests_decided,
            by_sex["Male"].requests_refused) == (2, 1, 1)
    assert by_sex["Female"].pc_decided_within_6_weeks == Decimal("100.0")
    # active plans: ages on the census date, not on a request date
    plans = build.plans([p(date(2020, 1, 1), birth_month=date(2008, 7, 1)),  # 16 on 31 Jul
                         p(date(2020, 1, 1), birth_month=date(2008, 8, 1))])  # 15
    ages = grouped(caseload.population(plans, date(2024, 7, 31)), "age_group",
                   caseload.summarise)
    assert {g: r.ehcplans for g, r in ages.items()} == {"11 to 15": 1, "16 to 19": 1}
