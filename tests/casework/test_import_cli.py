"""`sendassure import sen2` and `sendassure rules` on the command line: exit codes, the
terminal summary, and the JSON and XLSX reports (run in-process on the test database)."""

from __future__ import annotations

import json
import re

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from sendassure.casework import models as m
from sendassure.cli import app
from sendassure.ingest.models import ImportRun

from .sen2_builder import person, request, write

pytestmark = pytest.mark.django_db
runner = CliRunner()
ISSUE_KEYS = ["code", "severity", "location", "field", "value", "message", "excluded_from"]


def flat(text: str) -> str:
    """The output with Rich's line wrapping undone."""
    return " ".join(text.split())


def good_file_with_a_bad_person(tmp_path):
    """Three persons, each with one request whose assessment issued a plan with one
    PlanDetail; person 2's birth date is not a date (an error that bars the person's
    requests from age breakdowns only: stored), person 3's Sex is not a code (a query:
    stored and reported), person 4 repeats a request (an error no measure can live
    with: that request is quarantined whole)."""
    return write(tmp_path, "good.xml", [
        person(1),
        person(2, PersonBirthDate="2015-13-45"),
        person(3, Sex="Q"),
        person(4, [request(), request()]),
    ])


def test_a_good_file_with_a_quarantined_person_exits_0_and_summarises_by_rule(tmp_path):
    result = runner.invoke(app, ["import", "sen2", str(good_file_with_a_bad_person(tmp_path))])
    assert result.exit_code == 0, result.output
    out = flat(result.output)
    assert "STORED" in out
    # every person stored; person 4's second request quarantined; person 2's request
    # stored, barred from age breakdowns
    assert ("stored 4 requests of 4 persons; quarantined 0 persons and 1 requests; 1 "
            "stored requests are left out of some measures") in out
    assert m.Person.objects.count() == 4 and m.Request.objects.count() == 4
    # the summary lists the rules by code, with severity
    assert "Issues by rule" in out
    assert re.search(r"SEN2-1000 │ error │ 1 │", out), out
    assert re.search(r"SEN2-1020 │ query │ 1 │", out), out
    assert re.search(r"SEN2-2013 │ error │ 1 │", out), out


def test_a_file_that_is_not_well_formed_exits_1_with_the_reason(tmp_path):
    text = write(tmp_path, "whole.xml", [person(1)]).read_text()
    broken = tmp_path / "broken.xml"
    broken.write_text(text[: len(text) // 2])  # cut off half-way through
    result = runner.invoke(app, ["import", "sen2", str(broken)])
    assert result.exit_code == 1, result.output
    out = flat(result.output)
    assert "REJECTED" in out and "broken.xml is not well-formed XML" in out
    assert m.Person.objects.count() == 0 and ImportRun.objects.count() == 0


def test_a_missing_path_exits_2(tmp_path):
    missing = tmp_path / "nowhere.xml"
    result = runner.invoke(app, ["import", "sen2", str(missing)])
    assert result.exit_code == 2, result.output
    assert "No such file" in flat(result.output) and "nowhere.xml" in flat(result.output)
    assert ImportRun.objects.count() == 0


def test_report_json_is_one_object_with_every_issue(tmp_path):
    out = tmp_path / "report.json"
    result = runner.invoke(app, ["import", "sen2", str(good_file_with_a_bad_person(tmp_path)),
                                 "--report-json", str(out)])
    assert result.exit_code == 0, result.output
    report = json.loads(out.read_text())
    assert isinstance(report, dict)
    assert {"file", "status", "stored", "quarantined", "issues"} <= set(report)
    assert report["file"] == "good.xml" and report["status"] == "stored"
    # each person: 1 request -> 1 assessment -> 1 named plan -> 1 plan detail
    assert report["stored"] == {"assessment": 4, "named_plan": 4, "person": 4,
                                "plan_detail": 4, "request": 4}
    assert report["quarantined"] == {"assessment": 1, "named_plan": 1,
                                     "plan_detail": 1, "request": 1}
    assert report["excluded"] == {"age_group": 1}
    assert all(sorted(issue) == sorted(ISSUE_KEYS) for issue in report["issues"])
    by_code = {i["code"]: i for i in report["issues"]}
    assert by_code["SEN2-1000"] == {
        "code": "SEN2-1000", "severity": "error",
        "location": "/Message/Persons/Person[2]/PersonBirthDate", "field": "PersonBirthDate",
        "value": "[shape 9999-99-99, 10 characters]",  # 2015-13-45: not a date, not shown
        "message": "PersonBirthDate [shape 9999-99-99, 10 characters] is missing or not a "
                   "date in the form YYYY-MM-DD",
        "excluded_from": ["age_group"],
    }
    sex = by_code["SEN2-1020"]
    assert (sex["severity"], sex["location"], sex["field"], sex["value"]) == (
        "query", "/Message/Persons/Person[3]/Sex", "Sex", "[shape A, 1 character]")
    assert sex["message"].startswith("Sex [shape A, 1 character] is not one of the codes")
    assert [i["severity"] for i in report["issues"]].count("error") == 2
    assert by_code["SEN2-2013"]["excluded_from"] == ["all"]
    assert sex["excluded_from"] == []


def test_report_xlsx_issues_sheet_has_the_same_rows_as_the_json(tmp_path):
    json_path, xlsx_path = tmp_path / "report.json", tmp_path / "report.xlsx"
    result = runner.invoke(app, ["import", "sen2", str(good_file_with_a_bad_person(tmp_path)),
                                 "--report-json", str(json_path), "--report-xlsx",
                                 str(xlsx_path)])
    assert result.exit_code == 0, result.output
    issues = json.loads(json_path.read_text())["issues"]
    sheet = load_workbook(xlsx_path, read_only=True)["Issues"]
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == ISSUE_KEYS

    def cell(value):  # the workbook writes a missing value as an empty cell, a list joined
        if isinstance(value, list):
            value = ", ".join(value)
        return None if value in ("", None) else value

    assert [[cell(c) for c in row] for row in rows[1:]] == [
        [cell(i[k]) for k in ISSUE_KEYS] for i in issues
    ]
    assert ["SEN2-1000", "error"] in [row[:2] for row in rows[1:]]


def test_strict_turns_a_file_with_an_error_into_exit_1_and_stores_nothing(tmp_path):
    path = good_file_with_a_bad_person(tmp_path)
    result = runner.invoke(app, ["import", "sen2", str(path), "--strict"])
    assert result.exit_code == 1, result.output
    out = flat(result.output)
    assert "REJECTED" in out and "rejected under --strict because it has 2 error(s)" in out
    assert m.Person.objects.count() == 0 and ImportRun.objects.count() == 0


def test_strict_still_stores_a_file_with_only_queries(tmp_path):
    path = write(tmp_path, "queries.xml", [person(1), person(3, Sex="Q")])
    result = runner.invoke(app, ["import", "sen2", str(path), "--strict"])
    assert result.exit_code == 0, result.output
    assert m.Person.objects.count() == 2


def test_rules_lists_at_least_30_codes_each_with_a_severity():
    result = runner.invoke(app, ["rules"])
    assert result.exit_code == 0, result.output
    rows = re.findall(r"(SEN2-\d{4})\s*│\s*(\w+)\s*│", result.output)
    codes = {code for code, _ in rows}
    assert len(codes) >= 30, result.output
    assert {severity for _, severity in rows} == {"error", "query"}
    assert ("SEN2-1000", "error") in rows and ("SEN2-1020", "query") in rows
