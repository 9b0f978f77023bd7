"""Published outcomes: every layout read, percentages recomputed from their counts, the
contract printed, loads idempotent and unknown layouts refused."""

import gzip
import json
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal

import pytest
from typer.testing import CliRunner

from sendassure.benchmarks.outcomes.characteristics import canonical
from sendassure.benchmarks.outcomes.extract import SHIPPED, sources, tidy_rows
from sendassure.benchmarks.outcomes.layouts import LayoutError, read
from tests.support.shared import DATA

KS2 = (
    "time_period,geographic_level,region_name,la_name,characteristic,"
    "pt_rwm_met_expected_standard,t_rwm_met_expected_standard,t_rwm_eligible_pupils,"
    "Percent meeting expected standard,academic_year\n"
    "202223,Local authority,South East,Kent,EHC plan,8,94,1154,8.15,2022/23\n"
    "202223,Local authority,South East,Kent,No SEN,70,10768,15468,69.61,2022/23\n"
    "202122,Local authority,South East,Kent,EHC plan,8,93,1096,8.49,2021/22\n"
    "202223,Regional,South East,,EHC plan,9,479,5589,8.57,2022/23\n"
    "202223,National,,,EHC plan,8,2635,32026,8.23,2022/23\n"
    "202223,Local authority,South East,Medway,EHC plan,4,6,170,3.53,2022/23\n"
)
# EES layout: codes, not names; a symbol in the counts; persistent absence
EES = (
    "time_period,time_identifier,geographic_level,country_code,country_name,region_code,"
    "region_name,new_la_code,old_la_code,la_name,sen_status,sess_overall_percent,"
    "enrolments_pa_10_exact,enrolments,enrolments_pa_10_exact_percent\n"
    "202324,Academic year,Local authority,E92000001,England,E12000008,South East,E10000016,"
    "886,Kent,EHC plan,12.1,2500,10000,25.0\n"
    "202324,Academic year,Local authority,E92000001,England,E12000008,South East,E10000016,"
    "886,Kent,SEN support,x,c,c,x\n"
    "202324,Academic year,National,E92000001,England,,,,,,EHC plan,11.5,40000,180000,22.2\n"
)
APPEALS = (
    '"SEND Appeal rate table 1: Appeal rate to the SEND Tribunal",,,,,,,,\n'
    ",,,,,,,,\n"
    "Local Authority,LA code,2022,,,2023,,,\n"
    ",,Appeals registered4,Total Appealable Decisions1,SEND Tribunal Appeal Rate2,"
    "Appeals registered4,Total Appealable Decisions1,SEND Tribunal Appeal Rate2\n"
    'England Total4,,"10,000","500,000",2.00%,"12,000","400,000",3.00%\n'
    "SOUTH EAST,,,,,,,\n"
    'Kent,886,648,"20,329",3.20%,758,"20,916",3.60%\n'
    "Medway,887, - ,900,0.00%, .. , .. ,..\n"
    "Poole5,,3,538,0.60%, .. , .. ,..\n"
    ",,,,,,,\n"
    "1. Appealable decisions are...,,,,,,,\n"
    ".. Not Available,,,,,,,\n"
)
INSPECTIONS = (
    "urn,la_code,region_code,ltla23cd,stat_neighbours,local_authority,inspection_link,"
    "outcome_grade,previous_inspection_date,inspection_start_date,inspection_end_date,"
    "publication_date,next_inspection,next_inspection_by_date,"
    "local_link_to_all_inspections,inspection_outcome_text\n"
    '80476,886,SE,E10000016,"881, 845",kent,link,3.0,01/01/1900,18/11/24,22/11/24,04/02/25,'
    "3 years,18/11/27,0,widespread and/or systemic failings\n"
)

# the SEND dashboard's ofsted.csv: ONS codes, R dates (days since 1970-01-01)
PREVIOUS = (
    "region,la_name,la_code,Publication date (previous inspection framework),"
    "Inspection outcome: written statement of action required? (previous inspection "
    "framwork),Revisit outcome: sufficient progress in addressing all significant "
    "weaknesses? (previous inspection framework),revisit_publish_date_old_framework,"
    "Inspection publication date (new inspection framework),Inspection outcome (new "
    "inspection framework),Priority action plan required? (new inspection framework),"
    "summary_outcome,box_colour\n"
    "South East,Kent,E10000016,17984.0,Yes,,,,Not yet inspected under new framework,,"
    "Written Statement of Action (previous framework); not revisited,maroon\n"
    "South East,Medway,E06000035,17000.0,No,,,,Not yet inspected under new framework,,"
    "No WSoA,green\n"
    "South East,Slough,E06000039,,,,,,Not yet inspected under new framework,,None,grey\n"
)
# EES "Education, health and care plans" caseload: only the All EHC plans rows are the series
CASELOAD = (
    "\ufefftime_period,time_identifier,geographic_level,country_code,country_name,region_code,"
    "region_name,new_la_code,old_la_code,la_name,breakdown_topic,breakdown,ehcplans,"
    "mainstream_total,mainstream_total_pc,special_total\n"
    "202425,Academic year,Local authority,E92000001,England,E12000008,South East,E10000016,"
    "886,Kent,All EHC plans,All EHC plans,20635,7452,36.1,9000\n"
    "202425,Academic year,Local authority,E92000001,England,E12000008,South East,E10000016,"
    "886,Kent,Sex,Female,6000,2000,33.3,3000\n"
    "202425,Academic year,National,E92000001,England,,,,,,All EHC plans,All EHC plans,"
    "638745,x,x,250000\n"
)


def write(tmp_path, name, text, gz=False):
    path = tmp_path / name
    path.write_bytes(gzip.compress(text.encode()) if gz else text.encode())
    return path


def test_dashboard_table_is_read_as_published(tmp_path):
    records = {(r.period, r.geographic_level, r.la_code, r.characteristic): r
               for r in read(write(tmp_path, "anything.csv", KS2))}
    kent = records["2022/23", "Local authority", "886", "EHC plan"]
    assert (kent.series, kent.value, kent.numerator, kent.denominator) == (
        "ks2_rwm_expected", 8.0, 94.0, 1154.0)  # the whole percent, not 8.15
    assert records["2022/23", "Regional", "", "EHC plan"].region == "South East"
    assert records["2022/23", "National", "", "EHC plan"].area_name == "England"
    assert records["2022/23", "Local authority", "887", "EHC plan"].value == 4.0


def test_ees_layout_symbols_are_missing_with_reason(tmp_path):
    records = read(write(tmp_path, "absence.csv.gz", EES, gz=True))
    got = {(r.series, r.la_code, r.characteristic): r for r in records}
    pa = got["persistent_absence", "886", "EHC plan"]
    assert (pa.period, pa.value, pa.numerator, pa.denominator) == ("2023/24", 25.0, 2500, 10000)
    assert got["absence_overall", "886", "EHC plan"].value == 12.1
    hidden = got["persistent_absence", "886", "SEN support"]
    assert hidden.value is None and hidden.reason == "unavailable"  # x
    assert hidden.numerator is None and hidden.denominator is None  # c, never 0
    assert got["absence_overall", "", "EHC plan"].geographic_level == "National"


def test_appeal_rate_table(tmp_path):
    records = read(write(tmp_path, "table.csv", APPEALS))
    got = {(r.period, r.geographic_level, r.la_code, r.area_name): r for r in records}
    kent = got["2023", "Local authority", "886", "Kent"]
    assert (kent.value, kent.numerator, kent.denominator, kent.region) == (
        3.6, 758, 20916, "South East")
    assert got["2022", "National", "", "England"].value == 2.0
    nil = got["2022", "Local authority", "887", "Medway"]
    assert (nil.value, nil.numerator, nil.denominator) == (0.0, 0.0, 900)  # "-" is nil
    gone = got["2023", "Local authority", "887", "Medway"]
    assert gone.value is None and gone.reason == "not available"  # "..", never 0
    assert got["2022", "Local authority", "836", "Poole"].value == 0.6  # name, no code
    assert len(records) == 8


def test_inspection_overview(tmp_path):
    (record,) = read(write(tmp_path, "overview.csv", INSPECTIONS))
    assert (record.series, record.period, record.la_code, record.value) == (
        "area_send_inspection", "2025-02-04", "886", 3.0)
    assert "systemic" in record.note


def test_previous_framework_inspections(tmp_path):
    records = {r.la_code: r for r in read(write(tmp_path, "ofsted.csv", PREVIOUS))}
    assert set(records) == {"886", "887"}  # Slough: no inspection under that framework
    kent = records["886"]
    assert (kent.series, kent.period, kent.value, kent.region) == (
        "area_send_wsoa", "2019-03-29", 1.0, "South East")  # R's 17984 is 29 March 2019
    assert "not revisited" in kent.note
    assert (records["887"].value, records["887"].period) == (0.0, "2016-07-18")


def test_ees_caseload_ehc_plans_in_mainstream(tmp_path):
    records = read(write(tmp_path, "caseload.csv", CASELOAD))
    assert [(r.geographic_level, r.characteristic, r.published_characteristic) for r in records
            ] == [("Local authority", "EHC plan", "All EHC plans"),
                  ("National", "EHC plan", "All EHC plans")]  # not the Sex breakdown
    kent, england = records
    assert (kent.series, kent.period, kent.value, kent.numerator, kent.denominator) == (
        "ehcp_in_mainstream", "2024/25", 36.1, 7452, 20635)
    assert (england.value, england.reason, england.numerator, england.denominator) == (
        None, "unavailable", None, 638745)


@pytest.mark.parametrize("text, reason", [
    ("nhs_code,nhs_name\n02P,Barnsley\n", "not a published outcomes file in any known layout"),
    ("", "the file is empty"),
    ("time_period,geographic_level,la_name,pt_rwm_met_expected_standard\n"
     "202223,Local authority,Atlantis,8\n", "'Atlantis' is not a known LA name or code"),
])
def test_unknown_layouts_and_areas_are_refused(tmp_path, text, reason):
    with pytest.raises(LayoutError, match=reason):
        read(write(tmp_path, "bad.csv", text))


@pytest.mark.parametrize("published, ours", [
    ("EHCP or Statement", "EHC plan"), ("EHC plan or Statement", "EHC plan"),
    ("EHC plan", "EHC plan"), ("SEN provision - EHC plan", "EHC plan"),
    ("SEN support", "SEN support"), ("No identified SEN", "No SEN"), ("No SEN", "No SEN"),
    ("Any SEN", "All SEN"), ("All SEN", "All SEN"), ("Total", "All"),
    ("All EHC plans", "EHC plan"), ("SEN with an EHC plan", "EHC plan"),
    ("SEN with a statement or EHC plan", "EHC plan"), ("Identified SEN with statement",
                                                       "EHC plan"),
    ("Identified SEN (mainstream)", "Identified SEN (mainstream)"),
])
def test_sen_status_in_the_contracts_words(published, ours):
    assert canonical(published) == ours


# -- recomputing published percentages from their counts ------------------------------------
PLACES = {"ks1_phonics_expected": 0, "ks2_rwm_expected": 0, "eyfs_gld": 1,
          "tribunal_appeal_rate": 1, "ehcp_in_mainstream": 1}


def recompute(records):
    """(checked, matched, mismatches) by series: DfE's rule, divide then multiply, round
    half up, to the places the series is published to."""
    checked, matched, mismatches = Counter(), Counter(), []
    for r in records:
        if r.series not in PLACES or r.value is None or r.numerator is None or not r.denominator:
            continue
        step = Decimal(1).scaleb(-PLACES[r.series])
        ours = Decimal(r.numerator / r.denominator * 100).quantize(step, ROUND_HALF_UP)
        checked[r.series] += 1
        if ours == Decimal(repr(r.value)).quantize(step):
            matched[r.series] += 1
        else:
            mismatches.append(r)
    return checked, matched, mismatches


def check_recomputed(records):
    checked, matched, mismatches = recompute(records)
    report = {s: f"{matched[s]} of {checked[s]}" for s in sorted(checked)}
    print("published percentages reproduced from their counts:", report)
    assert set(checked) == set(PLACES) and all(checked[s] > 800 for s in PLACES)
    # where an LA's placements are unavailable ("x"), DfE's England and regional EHC plan
    # totals still count its plans but its percentage is worked on another base
    unavailable = {(r.period, r.region) for r in records if r.series == "ehcp_in_mainstream"
                   and r.geographic_level == "Local authority" and r.reason == "unavailable"}

    def explained(r) -> bool:
        if r.series == "ehcp_in_mainstream":
            return r.geographic_level != "Local authority" and any(
                period == r.period and (r.geographic_level == "National" or region == r.region)
                for period, region in unavailable)
        # regional rows whose counts DfE rounds to the nearest 10 (the percentage is from
        # the unrounded counts)
        return (r.geographic_level == "Regional" and r.numerator % 10 == 0
                and r.denominator % 10 == 0)

    # every other LA and England value reproduces
    assert all(explained(r) for r in mismatches), mismatches
    assert sum(matched.values()) / sum(checked.values()) > 0.998
    return report


def test_shipped_percentages_are_reproduced_from_their_counts():
    check_recomputed(read(SHIPPED))


@pytest.mark.skipif(not (DATA / "dfe_send_dashboard").exists(),
                    reason="the shared dashboard data is not on this machine")
def test_shipped_extract_is_exactly_the_published_files():
    records = [r for path in sources(DATA) for r in read(path)]
    check_recomputed(records)
    with gzip.open(SHIPPED, "rt", encoding="utf-8") as handle:
        shipped = handle.read().splitlines()[1:]
    import csv
    import io

    ours = io.StringIO()
    csv.writer(ours, lineterminator="\n").writerows(tidy_rows(records))
    assert ours.getvalue().splitlines() == shipped


# -- storing and the contract ---------------------------------------------------------------
@pytest.fixture
def loaded(db, tmp_path):
    from sendassure.benchmarks.outcomes.loading import load_outcomes

    files = [write(tmp_path, "ks2.csv", KS2), write(tmp_path, "absence.csv", EES),
             write(tmp_path, "appeals.csv", APPEALS)]
    return load_outcomes(files), files


def test_loading_again_changes_nothing(loaded):
    from sendassure.benchmarks.models import PublishedOutcome
    from sendassure.benchmarks.outcomes.loading import VERSION_KEY, load_outcomes
    from sendassure.core import versions

    first, files = loaded
    assert all(f.changed for f in first)
    before = sorted(PublishedOutcome.objects.values_list(
        "series", "period", "geographic_level", "la_code", "characteristic", "value",
        "numerator", "denominator", "reason"))
    token = versions.current([VERSION_KEY])
    again = load_outcomes(files)
    assert not any(f.changed for f in again)
    assert versions.current([VERSION_KEY]) == token
    assert sorted(PublishedOutcome.objects.values_list(
        "series", "period", "geographic_level", "la_code", "characteristic", "value",
        "numerator", "denominator", "reason")) == before


def test_a_newer_file_replaces_the_same_values(loaded, tmp_path):
    from sendassure.benchmarks.models import PublishedOutcome
    from sendassure.benchmarks.outcomes.loading import load_outcomes

    revised = KS2.replace("Kent,EHC plan,8,94,1154,8.15,2022/23", "Kent,EHC plan,9,100,1154,"
                          "8.67,2022/23")
    load_outcomes([write(tmp_path, "ks2-revised.csv", revised)])
    kent = PublishedOutcome.objects.get(series="ks2_rwm_expected", la_code="886",
                                        period="2022/23", characteristic="EHC plan")
    assert (kent.value, kent.numerator, kent.source) == (9.0, 100.0, "ks2-revised.csv")
    assert PublishedOutcome.objects.filter(series="ks2_rwm_expected", la_code="886",
                                           period="2022/23").count() == 2


def test_a_refused_file_stores_nothing(db, tmp_path):
    from sendassure.benchmarks.models import PublishedOutcome
    from sendassure.benchmarks.outcomes.loading import load_outcomes

    with pytest.raises(LayoutError):
        load_outcomes([write(tmp_path, "ks2.csv", KS2), write(tmp_path, "x.csv", "a,b\n1,2\n")])
    assert not PublishedOutcome.objects.exists()


def test_contract_json(loaded):
    from sendassure.cli.main import app

    result = CliRunner().invoke(app, ["outcomes", "--la", "886", "--series", "ks2_rwm_expected",
                                      "--series", "tribunal_appeal_rate", "--series",
                                      "persistent_absence", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == {"la": "886", "series": {
        "ks2_rwm_expected": [
            {"period": "2021/22", "characteristic": "EHC plan", "value": 8, "numerator": 93,
             "denominator": 1096, "region": None, "england": None},
            {"period": "2022/23", "characteristic": "EHC plan", "value": 8, "numerator": 94,
             "denominator": 1154, "region": 9, "england": 8},
            {"period": "2022/23", "characteristic": "No SEN", "value": 70,
             "numerator": 10768, "denominator": 15468, "region": None, "england": None},
        ],
        "tribunal_appeal_rate": [
            {"period": "2022", "characteristic": "All", "value": 3.2, "numerator": 648,
             "denominator": 20329, "region": None, "england": 2},
            {"period": "2023", "characteristic": "All", "value": 3.6, "numerator": 758,
             "denominator": 20916, "region": None, "england": 3},
        ],
        "persistent_absence": [
            {"period": "2023/24", "characteristic": "EHC plan", "value": 25, "numerator": 2500,
             "denominator": 10000, "region": None, "england": 22.2},
            {"period": "2023/24", "characteristic": "SEN support", "value": None,
             "numerator": None, "denominator": None, "region": None, "england": None},
        ],
    }}


def test_contract_csv_and_errors(loaded):
    from sendassure.cli.main import app

    runner = CliRunner()
    result = runner.invoke(app, ["outcomes", "--la", "886", "--series", "ks2_rwm_expected",
                                 "--format", "csv"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "la,series,period,characteristic,value,numerator,denominator,region,england"
    assert lines[2] == "886,ks2_rwm_expected,2022/23,EHC plan,8,94,1154,9,8"
    assert runner.invoke(app, ["outcomes", "--la", "Kent"]).exit_code == 2
    assert runner.invoke(app, ["outcomes", "--la", "886", "--series", "nope"]).exit_code == 2


def test_neighbours_median_range_gap_and_direction(loaded):
    from sendassure.benchmarks.outcomes.queries import comparison, direction

    rows = comparison("ks2_rwm_expected", "886")
    latest = next(r for r in rows if r.period == "2022/23" and r.characteristic == "EHC plan")
    # Kent's neighbours hold no KS2 rows in this file; Medway is not one of them
    assert latest.neighbours_count == 0 and latest.neighbours_median is None
    assert latest.gap == 8 - 70  # EHC plan against no SEN, percentage points
    assert direction("ks2_rwm_expected", rows, "EHC plan") == "no change"
    medway = comparison("ks2_rwm_expected", "887")[0]  # Kent is one of Medway's neighbours
    assert (medway.neighbours_count, medway.neighbours_median) == (1, 8)


def test_neighbours_median_by_hand(db, tmp_path):
    from sendassure.benchmarks.outcomes.loading import load_outcomes
    from sendassure.benchmarks.outcomes.queries import comparison

    lines = [KS2.splitlines()[0]]
    # Kent's first four neighbours: Essex 881, East Sussex 845, Devon 878, Bexley 303
    for name, pc in (("Essex", 6), ("East Sussex", 2), ("Devon", 9), ("Bexley", 12),
                     ("Kent", 8)):
        lines.append(f"202223,Local authority,South East,{name},EHC plan,{pc},1,10,0,2022/23")
    load_outcomes([write(tmp_path, "k.csv", "\n".join(lines) + "\n")])
    (row,) = comparison("ks2_rwm_expected", "886")
    assert (row.neighbours_median, row.neighbours_low, row.neighbours_high,
            row.neighbours_count) == (7.5, 2, 12, 4)  # median of 2, 6, 9, 12


def test_the_shipped_extract_holds_every_series_published_for_kent(db):
    """What the demo loads: for Kent, every series the shared published files carry. Not
    there: persistent absence and KS4 destinations (DfE publishes them only in EES files,
    none of which is in the shared data) and a 2023-framework inspection (Kent has none in
    the overview); Kent's 2019 inspection is the 2016-2022 framework's."""
    from sendassure.benchmarks.outcomes.loading import load_outcomes
    from sendassure.benchmarks.outcomes.queries import outcomes, series_with_data
    from sendassure.benchmarks.outcomes.series import SERIES

    (loaded,) = load_outcomes()
    assert loaded.changed and loaded.values > 40000
    (again,) = load_outcomes()  # the demo run twice
    assert not again.changed
    held = series_with_data("886")
    assert set(SERIES) - set(held) == {"persistent_absence", "ks4_destinations_sustained",
                                       "area_send_inspection"}
    kent = outcomes("886", ["ehcp_in_mainstream", "area_send_wsoa", "ks4_attainment8"])
    assert kent["series"]["ehcp_in_mainstream"][-1] == {
        "period": "2024/25", "characteristic": "EHC plan", "value": 36.1, "numerator": 7452,
        "denominator": 20635, "region": 42.5, "england": 43.6}  # EES caseload, January 2025
    assert kent["series"]["area_send_wsoa"] == [{
        "period": "2019-03-29", "characteristic": "All", "value": 1, "numerator": None,
        "denominator": None, "region": None, "england": None}]
    assert {r["characteristic"] for r in kent["series"]["ks4_attainment8"]} == {
        "All SEN", "No SEN"}  # DfE's KS4 table is published for these two only


def test_the_contract_on_the_published_files_for_kent(db):
    """The issue's example command on the shipped extract: KS2 and overall absence by SEN
    status as published, academic years as 2022/23, region and England beside each."""
    import re

    from sendassure.benchmarks.outcomes.loading import load_outcomes
    from sendassure.cli.main import app

    load_outcomes()
    runner = CliRunner()
    result = runner.invoke(app, ["outcomes", "--la", "886", "--series", "ks2_rwm_expected",
                                 "--series", "absence_overall", "--format", "json"])
    assert result.exit_code == 0, result.output
    found = json.loads(result.output)
    assert set(found) == {"la", "series"} and found["la"] == "886"
    assert list(found["series"]) == ["ks2_rwm_expected", "absence_overall"]
    for rows in found["series"].values():
        assert {r["characteristic"] for r in rows} == {"EHC plan", "SEN support", "No SEN",
                                                       "All SEN"}
        assert all(set(r) == {"period", "characteristic", "value", "numerator",
                              "denominator", "region", "england"} for r in rows)
        assert all(re.fullmatch(r"\d{4}/\d{2}", r["period"]) for r in rows)
    ks2 = {(r["period"], r["characteristic"]): r for r in found["series"]["ks2_rwm_expected"]}
    assert ks2["2022/23", "EHC plan"] == {  # DfE's whole percent (94 of 1,154 is 8.15)
        "period": "2022/23", "characteristic": "EHC plan", "value": 8, "numerator": 94,
        "denominator": 1154, "region": 9, "england": 8}
    absence = {(r["period"], r["characteristic"]): r
               for r in found["series"]["absence_overall"]}
    assert absence["2022/23", "EHC plan"] == {  # published as "EHCP or Statement"
        "period": "2022/23", "characteristic": "EHC plan", "value": 14.04, "numerator": None,
        "denominator": None, "region": 12.96, "england": 12.42}
    table = runner.invoke(app, ["outcomes", "--la", "886", "--series", "absence_overall",
                                "--format", "table"], terminal_width=200)
    assert table.exit_code == 0, table.output
    assert "Overall absence rate (absence_overall)" in table.output
    line = next(li for li in table.output.splitlines() if "2022/23" in li and "EHC plan" in li)
    assert [c.strip() for c in line.strip("│ ").split("│")] == [
        "2022/23", "EHC plan", "14.04", "", "", "12.96", "12.42"]
    csv_out = runner.invoke(app, ["outcomes", "--la", "886", "--series", "absence_overall",
                                  "--format", "csv"])
    assert "886,absence_overall,2022/23,EHC plan,14.04,,,12.96,12.42" in csv_out.output


def test_ees_ks4_destinations_layout(tmp_path):
    """KS4 destination measures as EES publishes them (not in the shared data): the
    percentage rows, by SEN status, the cohort alongside; the count rows are not values."""
    text = ("time_period,time_identifier,geographic_level,country_code,country_name,"
            "region_code,region_name,old_la_code,new_la_code,la_name,data_type,"
            "cohort_level_group,characteristic,cohort,overall,education\n"
            "202122,Academic year,Local authority,E92000001,England,E12000008,South East,886,"
            "E10000016,Kent,Percentage,Total,SEN with an EHC plan,1200,88,80\n"
            "202122,Academic year,Local authority,E92000001,England,E12000008,South East,886,"
            "E10000016,Kent,Number of students,Total,SEN with an EHC plan,1200,1056,960\n"
            "202122,Academic year,Local authority,E92000001,England,E12000008,South East,886,"
            "E10000016,Kent,Percentage,Total,No identified SEN,15000,x,x\n")
    records = read(write(tmp_path, "ks4_dm_ud_202122_la_prov.csv", text))
    got = {r.characteristic: r for r in records}
    assert set(got) == {"EHC plan", "No SEN"}
    ehcp = got["EHC plan"]
    assert ehcp.published_characteristic == "SEN with an EHC plan"
    assert (ehcp.series, ehcp.period, ehcp.value, ehcp.denominator) == (
        "ks4_destinations_sustained", "2021/22", 88.0, 1200.0)
    assert got["No SEN"].value is None and got["No SEN"].reason == "unavailable"


def test_cli_load_refuses_an_unknown_layout_and_says_why(db, tmp_path):
    from sendassure.benchmarks.models import PublishedOutcome
    from sendassure.cli.main import app

    runner = CliRunner()
    bad = write(tmp_path, "icb.csv", "nhs_code,nhs_name\n02P,Barnsley\n")
    result = runner.invoke(app, ["outcomes", "load", str(write(tmp_path, "ks2.csv", KS2)),
                                 str(bad)], terminal_width=300)
    assert result.exit_code == 1
    assert "icb.csv: not a published outcomes file in any known layout" in result.output
    assert not PublishedOutcome.objects.exists()  # the good file before it is not stored
    good = write(tmp_path, "ks2.csv", KS2)
    first = runner.invoke(app, ["outcomes", "load", str(good)], terminal_width=300)
    again = runner.invoke(app, ["outcomes", "load", str(good)], terminal_width=300)
    assert "ks2.csv: 6 values, stored" in first.output
    assert "ks2.csv: 6 values, unchanged (already held)" in again.output
