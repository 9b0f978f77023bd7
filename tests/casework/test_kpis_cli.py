"""``sendassure kpis`` end to end: records imported through the real importer, figures
worked out by hand below."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from sendassure.cli import app
from sendassure.ingest.importer import import_sen2

from .sen2_builder import person, plan_issued, request, write

pytestmark = pytest.mark.django_db
runner = CliRunner()


def _issued(n, received, issued, **extra):
    assessment_extra = {k: v for k, v in extra.items() if k in ("Week20",)}
    request_extra = {k: v for k, v in extra.items() if k not in ("Week20",)}
    return person(n, [request(received=received, outcome_date=received,
                              assessment=plan_issued(date=issued, start=issued, **assessment_extra),
                              **request_extra)])


@pytest.fixture
def area(tmp_path):
    people = [
        _issued(1, "2024-01-01", "2024-05-20"),  # d = 140: within 20 weeks
        _issued(2, "2024-01-01", "2024-05-21"),  # d = 141: over 20 weeks, within a year
        _issued(3, "2023-06-01", "2024-06-01"),  # d = 366 (29 Feb 2024 between): over a year
        _issued(4, "2024-02-01", "2024-04-01", RequestMediation="1"),  # mediation: excluded
        _issued(5, "2024-01-10", "2024-07-01", Week20="1"),  # d = 173, an exception
        _issued(6, "2024-09-01", "2025-01-05"),  # issued in 2025: not in 2024
    ]
    report = import_sen2([write(tmp_path, "area.xml", people)])
    assert report.status == "stored" and report.quarantined == {}


def _kpis(*args):
    result = runner.invoke(app, ["kpis", *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_json_has_every_section_with_the_catalogue_names(area):
    data = json.loads(_kpis("--year", "2024"))
    assert list(data) == ["timeliness", "decisions", "not_to_issue", "open_assessments",
                          "annual_reviews", "caseload", "phase_transfers"]
    t = data["timeliness"]
    # population: persons 1, 2, 3, 5 (4 had mediation; 6 was issued in 2025)
    assert t["plans_issued_den"] == 4
    assert t["plans_issued_within_20_weeks"] == 1 and t["pc_plans_issued_within_20_weeks"] == 25.0
    assert t["plans_issued_gt20weeks_ltyear"] == 2 and t["pc_plans_issued_gt20weeks_ltyear"] == 50.0
    assert t["plans_issued_gt_1_year"] == 1 and t["pc_plans_issued_gt_1_year"] == 25.0
    # (140 + 141 + 366 + 173) / 7 / 4 = 29.2857... -> 29.3
    assert t["avg_weeks_issue_plan"] == 29.3
    # excluding the Week20 exception (person 5): 1 of 3 = 33.333... -> 33.3
    assert t["plans_issued_den_ex"] == 3 and t["pc_plans_issued_20_weeks_ex"] == 33.3
    # (140 + 141 + 366) / 7 / 3 = 30.809... -> 30.8
    assert t["avg_weeks_issue_plan_exc"] == 30.8


def test_as_of_hides_what_was_not_yet_known(area):
    data = json.loads(_kpis("--year", "2024", "--as-of", "2024-06-15"))
    # on 15 June 2024 persons 1, 2 and 3 had their plans; person 5's came on 1 July
    assert data["timeliness"]["plans_issued_den"] == 3
    assert data["timeliness"]["pc_plans_issued_within_20_weeks"] == 33.3
    # person 5 (received 10 Jan) was open on 15 June: 157 days, over 20 weeks
    assert data["open_assessments"]["open_total"] >= 1


def test_an_area_with_no_records_gives_nulls_not_zeros(area):
    data = json.loads(_kpis("--year", "2024", "--area", "201"))
    assert data["timeliness"]["plans_issued_den"] == 0
    assert data["timeliness"]["pc_plans_issued_within_20_weeks"] is None


def test_csv_and_table_formats(area):
    lines = _kpis("--year", "2024", "--format", "csv").splitlines()
    assert lines[0] == "section,name,value"
    assert "timeliness,pc_plans_issued_within_20_weeks,25.0" in lines
    assert "pc_plans_issued_within_20_weeks" in _kpis("--year", "2024", "--format", "table")


def test_bad_arguments_are_usage_errors(area):
    assert runner.invoke(app, ["kpis", "--year", "2024", "--as-of", "31/12/2024"]).exit_code == 2
    assert runner.invoke(app, ["kpis", "--year", "2024", "--area", "Kent"]).exit_code == 2
    assert runner.invoke(app, ["kpis", "--year", "2024", "--format", "xml"]).exit_code == 2


def test_the_worklist_lists_open_cases_oldest_first_and_is_audited(area):
    from sendassure.core.models import AuditEvent

    result = runner.invoke(app, ["worklist", "--as-of", "2024-06-15", "--format", "csv"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("la,request_id,person_id,received_date,stage,age_days,age_weeks")
    # open on 15 June 2024: person 5 (received 10 Jan, 157 days) and none of the others
    assert len(lines) == 2 and ",2024-01-10," in lines[1] and ",157,22," in lines[1]
    assert AuditEvent.objects.filter(action="export", object_type="Worklist").count() == 1


def test_the_worklist_refuses_aggregate_roles(area, make_user):
    make_user("board")
    result = runner.invoke(app, ["worklist", "--as-of", "2024-06-15", "--user", "board-user"])
    assert result.exit_code == 2 and "child-level" in result.output


def test_a_barred_record_counts_only_outside_its_sections(tmp_path):
    good = _issued(1, "2024-01-01", "2024-05-20")
    # issued before it was received: SEN2-3005 bars it from timeliness (DfE: "not
    # available"), not from requests received or the 6-week decision
    bad = _issued(2, "2024-06-01", "2024-05-01")
    twice = person(3, [request(received="2024-02-01", outcome_date="2024-02-20",
                               assessment=None)] * 2)  # SEN2-2013: quarantined whole
    report = import_sen2([write(tmp_path, "mixed.xml", [good, bad, twice])])
    assert report.quarantined["request"] == 1 and report.barred == 1
    data = json.loads(_kpis("--year", "2024"))
    assert data["timeliness"]["plans_issued_den"] == 1
    assert data["decisions"]["requests_received"] == 3
    assert data["decisions"]["requests_decided"] == 3
    assert "withheld" not in data  # only when asked
    held = json.loads(_kpis("--year", "2024", "--withheld"))["withheld"]
    assert held["timeliness"] == {"excluded": 1, "quarantined": 1,
                                  "excluded_by_rule": {"SEN2-3005": 1},
                                  "quarantined_by_rule": {"SEN2-2013": 1}}
    assert held["decisions"]["excluded"] == 0 and held["decisions"]["quarantined"] == 1
    table = _kpis("--year", "2024", "--withheld", "--format", "table")
    assert "Held back from timeliness: 1 stored request(s) left out (SEN2-3005:" in " ".join(
        table.split())
