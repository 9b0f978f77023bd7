"""The plan template: the shipped files, YAML and XLSX round trips, re-import replacing a
plan's content, and every bad-template rule with its precise message (nothing stored)."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from sendassure.plan import models as m
from sendassure.plan.template import TemplateInvalid, check_file, export_plan, import_file
from sendassure.plan.template.columns import SHEETS
from sendassure.plan.template.writers import markdown, write_blank

from .conftest import DATA, KENT

pytestmark = pytest.mark.django_db
PLAN_MODELS = (m.Plan, m.ReviewDate, m.AreaOfWeakness, m.Action, m.Milestone, m.MeasureLink,
               m.MeasureMilestone, m.RagRating, m.EvidenceRequest)


def snapshot() -> dict:
    """Every row of every plan table (ids included), and the request-measure links."""
    rows = {model.__name__: list(model.objects.order_by("pk").values()) for model in PLAN_MODELS}
    rows["request_measures"] = sorted(
        m.EvidenceRequest.measures.through.objects.values_list("evidencerequest_id",
                                                               "measurelink_id"))
    return rows


def cells(path) -> dict:
    book = load_workbook(path)
    return {ws.title: [[c.value for c in row] for row in ws.iter_rows()] for ws in book}


def errors_of(path) -> list[str]:
    with pytest.raises(TemplateInvalid) as caught:
        import_file(path)
    return [str(e) for e in caught.value.errors]


# --- the shipped files -------------------------------------------------------------------

def test_the_blank_template_has_a_readme_and_every_sheet_with_its_header(tmp_path):
    shipped = cells(DATA / "plan-template.xlsx")
    assert list(shipped) == ["README", "Plan", "Reviews", "Areas", "Actions", "Milestones",
                             "Measures", "MeasureMilestones", "Ratings", "EvidenceRequests"]
    assert shipped["Actions"] == [[
        "area", "reference", "outcome", "description", "action_lead", "council_lead",
        "nhs_lead", "senior_responsible_officer", "start_date", "due_date",
        "measures_of_success", "status", "progress"]]
    documented = {(row[0], row[1]) for row in shipped["README"][4:]}
    for sheet in SHEETS:  # every column explained on the README sheet
        for column in sheet.columns:
            assert (sheet.name, column.name) in documented
    write_blank(tmp_path / "fresh.xlsx")  # the shipped file is what the code writes
    assert cells(tmp_path / "fresh.xlsx") == shipped
    assert (DATA / "plan-template.md").read_text() == markdown()


def test_the_kent_example_has_nine_areas_actions_reviews_and_the_letters_requests():
    r = check_file(KENT)
    assert r["Plan"][0]["la"] == "886" and r["Plan"][0]["plan_type"] == "app"
    assert [a["number"] for a in r["Areas"]] == list(range(1, 10))
    per_area = [sum(1 for a in r["Actions"] if a["area"] == n) for n in range(1, 10)]
    assert all(2 <= n <= 4 for n in per_area), per_area
    # first progress review 15 November 2023, then every six months
    assert [v["date"] for v in r["Reviews"]][:3] == [
        date(2023, 11, 15), date(2024, 5, 15), date(2024, 11, 15)]
    # the DfE letter of 8 January 2024 lists 5, 5, 4, 2, 4, 7, 2, 2, 2 lines by area
    requests = r["EvidenceRequests"]
    assert [sum(1 for q in requests if q["area"] == n) for n in range(1, 10)] == [
        5, 5, 4, 2, 4, 7, 2, 2, 2]
    assert {q["due_review"] for q in requests} == {date(2024, 5, 15)}
    assert {q["letter_date"] for q in requests} == {date(2024, 1, 8)}
    assert {"area": 6, "text": "The impact of actions evidenced through improved EHCP "
            "timeliness data, particularly beyond 30 and 52 weeks."}.items() <= next(
        q for q in requests if q["area"] == 6).items()
    timeliness = next(x for x in r["Measures"] if x["area"] == 6)
    assert (timeliness["kpi"], str(timeliness["target_value"])) == (
        "pc_plans_issued_within_20_weeks", "80.0")


# --- round trips -------------------------------------------------------------------------

def test_yaml_round_trip_is_byte_identical_and_stores_the_same(tmp_path):
    plan = import_file(KENT)
    stored = snapshot()
    export_plan(plan, tmp_path / "one.yaml")
    assert (tmp_path / "one.yaml").read_bytes() == KENT.read_bytes()
    again = import_file(tmp_path / "one.yaml")
    assert again.pk == plan.pk
    assert snapshot() == stored
    export_plan(again, tmp_path / "two.yaml")
    assert (tmp_path / "two.yaml").read_bytes() == KENT.read_bytes()


def test_xlsx_round_trip_is_identical_cell_by_cell_and_stores_the_same(tmp_path):
    plan = import_file(KENT)
    stored = snapshot()
    export_plan(plan, tmp_path / "one.xlsx")
    first = cells(tmp_path / "one.xlsx")
    assert first["Actions"][0][:2] == ["area", "reference"]
    assert isinstance(first["Reviews"][1][0], datetime)  # a real Excel date
    assert first["Reviews"][1][0] == datetime(2023, 11, 15)
    import_file(tmp_path / "one.xlsx")
    assert snapshot() == stored
    export_plan(plan, tmp_path / "two.xlsx")
    assert cells(tmp_path / "two.xlsx") == first
    # and the YAML written after an XLSX round trip is still the example, byte for byte
    export_plan(plan, tmp_path / "back.yaml")
    assert (tmp_path / "back.yaml").read_bytes() == KENT.read_bytes()


def test_xlsx_in_a_fresh_database_gives_the_same_yaml(tmp_path):
    plan = import_file(KENT)
    export_plan(plan, tmp_path / "plan.xlsx")
    m.Plan.objects.all().delete()
    fresh = import_file(tmp_path / "plan.xlsx")
    export_plan(fresh, tmp_path / "plan.yaml")
    assert (tmp_path / "plan.yaml").read_bytes() == KENT.read_bytes()


def test_reimport_replaces_the_plans_content_and_keeps_what_is_unchanged(tmp_path):
    from sendassure.plan.models import EvidenceFile

    plan = import_file(KENT)
    hub = m.Action.objects.get(area__plan=plan, reference="1.1")
    kept = m.Action.objects.get(area__plan=plan, reference="1.2")
    evidence = EvidenceFile.objects.create(la="886", title="Hub launch report")
    evidence.actions.add(hub)
    evidence.areas.add(hub.area)
    text = KENT.read_text()
    # drop action 1.3 (and its milestones), and change 1.1's status
    start = text.index("- area: 1\n  reference: '1.3'")
    end = text.index("- area: 1\n  reference: '1.4'")
    text = text[:start] + text[end:]
    text = "\n".join(line for line in text.splitlines()
                     if not line.startswith(("- action: '1.3'",)))
    text = text.replace("  title: Survey questions agreed with Kent PACT\n  due_date: 2023-10-31"
                        "\n  completed_date: 2023-10-20\n", "")
    text = text.replace("  title: First survey wave published\n  due_date: 2024-04-30\n", "")
    edited = tmp_path / "edited.yaml"
    edited.write_text(text.replace("Open the SEND enquiries hub", "Run the SEND enquiries hub")
                      + "\n")
    import_file(edited)
    assert not m.Action.objects.filter(area__plan=plan, reference="1.3").exists()
    assert m.Plan.objects.count() == 1
    hub.refresh_from_db()  # same record, updated: the evidence link survives
    assert hub.description.startswith("Run the SEND enquiries hub")
    assert list(evidence.actions.all()) == [hub] and list(evidence.areas.all()) == [hub.area]
    assert m.Action.objects.get(pk=kept.pk).reference == "1.2"


# --- bad templates -----------------------------------------------------------------------

STATUS_RULE = "unknown status; one of not_started, on_track, delayed, off_track, completed, embedded"


def test_bad_xlsx_lists_every_error_by_sheet_row_column_and_value(tmp_path):
    plan = import_file(KENT)
    export_plan(plan, tmp_path / "good.xlsx")
    stored = snapshot()
    book = load_workbook(tmp_path / "good.xlsx")
    actions = book["Actions"]
    # rows: 1 header, 2 = action 1.1, 3 = 1.2, 4 = 1.3; column 12 = status
    assert (actions.cell(2, 2).value, actions.cell(1, 12).value) == ("1.1", "status")
    actions.cell(2, 12).value = "sort of"  # unknown status
    actions.cell(3, 2).value = "2.9"  # reference not matching area 1
    actions.cell(4, 2).value = "1.1"  # duplicate of row 2
    actions.cell(5, 9).value = "2023-02-30"  # start_date: not a date
    book["Milestones"].cell(2, 1).value = "1.9"  # milestone for an unknown action
    book["Measures"].cell(2, 5).value = "pc_happy_parents"  # KPI not in the catalogue
    book["Areas"].delete_cols(2)  # the required title column
    book.save(tmp_path / "bad.xlsx")
    assert errors_of(tmp_path / "bad.xlsx") == [
        "sheet Areas, row 1, column title: missing required column",
        f"sheet Actions, row 2, column status: value 'sort of': {STATUS_RULE}",
        "sheet Actions, row 5, column start_date: value '2023-02-30': not a date (give a "
        "date, or text like 2024-05-15)",
        "sheet Actions, row 3, column reference: value '2.9': does not match its area number "
        "1 (it should start 1.)",
        "sheet Actions, row 4, column reference: value '1.1': duplicate action reference "
        "(first at sheet Actions, row 2)",
        "sheet Milestones, row 2, column action: value '1.9': unknown action (not on the "
        "Actions sheet)",
        # the milestones of 1.2 and 1.3, whose references were changed, lost their action
        "sheet Milestones, row 4, column action: value '1.2': unknown action (not on the "
        "Actions sheet)",
        "sheet Milestones, row 5, column action: value '1.3': unknown action (not on the "
        "Actions sheet)",
        "sheet Milestones, row 6, column action: value '1.3': unknown action (not on the "
        "Actions sheet)",
        "sheet Measures, row 2, column kpi: value 'pc_happy_parents': unknown KPI (not a "
        "registered measure)",
    ]
    assert snapshot() == stored  # nothing stored, the existing plan untouched


def test_bad_yaml_names_the_path_and_line_and_nothing_is_stored(tmp_path):
    text = KENT.read_text()
    lines = text.splitlines()
    # the first action (actions[0], 1.1) has "status: completed"; find its line (1-based)
    status_line = next(i for i, line in enumerate(lines, 1) if line == "  status: completed")
    reference_line = next(i for i, line in enumerate(lines, 1) if line == "  reference: '1.2'")
    bad = tmp_path / "bad.yaml"
    bad.write_text(text.replace("  status: completed", "  status: sort of", 1)
                   .replace("  reference: '1.2'", "  reference: '7.2'", 1)
                   .replace("kpi: mainstream_total_pc", "kpi: mainstream_total_pc_x"))
    errors = errors_of(bad)
    assert f"actions[0].status (line {status_line}): value 'sort of': {STATUS_RULE}" in errors
    assert (f"actions[1].reference (line {reference_line}): value '7.2': does not match its "
            "area number 1 (it should start 1.)") in errors
    # measures[3]: after area 1's three (enquiries, complaints, parents' confidence)
    assert any(e.startswith("measures[3].kpi (line ") and e.endswith(
        "value 'mainstream_total_pc_x': unknown KPI (not a registered measure)") for e in errors)
    # 1.2's milestone, and a duplicate 7.2 (action 7.2 exists) are also reported
    assert any("duplicate action reference" in e for e in errors)
    assert any(e.startswith("milestones[") and "'1.2': unknown action" in e for e in errors)
    assert m.Plan.objects.count() == 0 and m.Action.objects.count() == 0


def yaml_with(tmp_path, old: str, new: str):
    text = KENT.read_text()
    assert old in text
    path = tmp_path / "changed.yaml"
    path.write_text(text.replace(old, new, 1))
    return path


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("  la: '886'", "  la: '88'", "plan.la (line 5): value '88': not a 3-digit LA code"),
    ("  plan_type: app", "  plan_type: xyz",
     "plan.plan_type (line 7): value 'xyz': unknown plan_type; one of wsoa, app, pap"),
    ("  review_cycle_months: 6", "  review_cycle_months: six",
     "plan.review_cycle_months (line 10): value 'six': not a whole number"),
    ("- date: 2024-11-15\n", "- date: 2023-11-15\n",
     "reviews[2].date (line 16): value 2023-11-15: duplicate review date (first at "
     "reviews[0] (line 12))"),
])
def test_single_rule_errors_in_yaml(tmp_path, old, new, expected):
    assert errors_of(yaml_with(tmp_path, old, new)) == [expected]
    assert m.Plan.objects.count() == 0


def test_measure_rules(tmp_path):
    # a measure in the wrong section, a breakdown its family has no dimension for, a
    # decimal with two places, a period kind for a measure taken at a date, a baseline
    # period that is no period, and an evidence request naming an unknown measure key
    r = KENT.read_text()
    r = r.replace("  section: caseload\n  kpi: mainstream_total_pc",
                  "  section: timeliness\n  kpi: mainstream_total_pc")
    r = r.replace("  kpi: pc_reviews_within_4_weeks\n", "  kpi: pc_reviews_within_4_weeks\n"
                  "  breakdown: request_source=1\n")
    r = r.replace("  kpi: open_over_30_weeks\n", "  kpi: open_over_30_weeks\n"
                  "  period: rolling_12\n")
    r = r.replace("  baseline_value: 13.2", "  baseline_value: 13.25")
    r = r.replace("  baseline_period: 2023-06", "  baseline_period: June 2023")
    r = r.replace("  - M13\n", "  - M99\n")  # the annual reviews measure
    path = tmp_path / "m.yaml"
    path.write_text(r)
    rules = [e.split(": ", 1)[1] for e in errors_of(path)]
    assert rules == [
        "value 13.25: more than one decimal place",
        "value 'timeliness': KPI mainstream_total_pc is in section caseload",
        "value 'June 2023': 'June 2023' is not a period: use a key such as 2024, FY2024-25, "
        "AY2024/25, 2024-Q3, 2024-03, R3-2024-10, R12-2024-10 or 2024-12-31",
        "value 'rolling_12': open_over_30_weeks is taken at a date: leave the period empty",
        "value 'request_source=1': not dimension=value with a dimension annual_reviews can be "
        "broken down by",
        "value 'M99': unknown measure key (not on the Measures sheet)",
    ]


def test_a_rating_differing_from_its_suggestion_needs_a_rationale(tmp_path):
    old = ("- area: 1\n  review_date: 2023-11-15\n  rating: amber\n  rationale: Many actions "
           "implemented")
    text = KENT.read_text()
    start = text.index(old)
    end = text.index("  set_by:", start)
    path = tmp_path / "r.yaml"
    path.write_text(text[:start] + "- area: 1\n  review_date: 2023-11-15\n  rating: amber\n"
                    "  suggested: red\n" + text[end:])
    (error,) = errors_of(path)
    assert error.startswith("ratings[0].rationale (line ")
    assert error.endswith("value (empty): rating amber differs from the suggested red: a "
                          "rationale is required")


def test_missing_sheet_and_unknown_column_in_xlsx(tmp_path):
    plan = import_file(KENT)
    export_plan(plan, tmp_path / "good.xlsx")
    m.Plan.objects.all().delete()
    book = load_workbook(tmp_path / "good.xlsx")
    del book["Plan"]
    book["Reviews"].cell(1, 3).value = "lable"
    book.save(tmp_path / "bad.xlsx")
    assert errors_of(tmp_path / "bad.xlsx") == [
        "sheet Plan: sheet missing",
        "sheet Reviews, row 1, column C: value 'lable': unknown column; the columns are "
        "date, label",
    ]
    assert m.Plan.objects.count() == 0
