"""A bar is lifted by a later return that corrects the record, or by an analyst's
resolution with a reason (audited); the figures follow in the same transaction.
Re-importing stays idempotent, bars and all."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from sendassure.casework import models as m
from sendassure.cli import app
from sendassure.core.models import AuditEvent
from sendassure.figures.inputs import build
from sendassure.figures.service import figures_for
from sendassure.ingest.importer import import_sen2
from sendassure.ingest.models import ImportRun
from sendassure.kpis.periods import calendar_year

from .sen2_builder import person, plan_issued, request, write

pytestmark = pytest.mark.django_db
runner = CliRunner()


def _issued_in_2023(issued: str):
    return person(1, [request(received="2023-06-01", outcome_date="2023-06-20",
                              assessment=plan_issued(date=issued, start="2023-10-02"))])


def _plans_issued_2023() -> int:
    return figures_for(["886"]).figure("plans_issued_den", calendar_year(2023)).value


def test_a_later_return_that_corrects_the_record_lifts_its_bar(tmp_path):
    wrong = write(tmp_path, "2024.xml", [_issued_in_2023("2023-05-01")], year="2024",
                  reference_date="2024-01-18")
    first = import_sen2([wrong])
    assert first.excluded == {"timeliness": 1, "not_to_issue": 1}
    assert _plans_issued_2023() == 0
    assert import_sen2([wrong]).status == "unchanged"
    right = write(tmp_path, "2025.xml", [_issued_in_2023("2023-10-01")])
    report = import_sen2([right])
    assert report.changes["requests_updated"] == 1 and report.excluded == {}
    assert m.Request.objects.get().excluded_from == ""
    assert _plans_issued_2023() == 1  # the figures moved with the import


def test_the_same_records_again_change_nothing_and_count_the_same(tmp_path):
    people = [_issued_in_2023("2023-05-01"), person(2, [request(), request()])]
    first = import_sen2([write(tmp_path, "a.xml", people)])
    # the same content under another name and serial number (another hash): every
    # request matched and left as it is, the issues counted the same by rule
    path = write(tmp_path, "a-copy.xml", people)
    path.write_text(path.read_text().replace("<SerialNo>001", "<SerialNo>002"))
    second = import_sen2([path])
    assert second.status == "stored"
    assert second.changes["requests_unchanged"] == 2 and "requests_updated" not in second.changes
    assert second.by_rule() == first.by_rule()
    assert {"SEN2-2013", "SEN2-3005"} <= set(first.by_rule())
    assert second.excluded == first.excluded == {"timeliness": 1, "not_to_issue": 1}
    assert second.quarantined == first.quarantined == {
        "request": 1, "assessment": 1, "named_plan": 1, "plan_detail": 1}
    runs = list(ImportRun.objects.order_by("id"))
    assert runs[0].issues_by_rule == runs[1].issues_by_rule
    assert m.Request.objects.get(received_date="2023-06-01").excluded_from == \
        ",not_to_issue,timeliness,"


def test_an_analyst_lifts_a_bar_with_a_reason_and_it_is_audited(tmp_path, make_user):
    # 26 on the census day: SEN2-1003 bars the record from age breakdowns only
    old = person(1, [request()], PersonBirthDate="1998-06-15")
    import_sen2([write(tmp_path, "old.xml", [old])])
    stored = m.Request.objects.get()
    assert stored.excluded_from == ",age_group," and build(["886"]).requests[
        "birth_month"].is_null().all()
    make_user("board", username="board-1")
    refused = runner.invoke(app, ["exclusions", "lift", str(stored.pk), "--rule", "SEN2-1003",
                                  "--reason", "Checked with the school", "--user", "board-1"])
    assert refused.exit_code == 2 and "Only an analyst" in refused.output
    make_user("analyst", username="analyst-1")
    short = runner.invoke(app, ["exclusions", "lift", str(stored.pk), "--rule", "SEN2-1003",
                                "--reason", "ok", "--user", "analyst-1"])
    assert short.exit_code == 2 and "reason" in short.output
    listed = runner.invoke(app, ["exclusions", "list", "--user", "analyst-1"])
    assert listed.exit_code == 0 and "SEN2-1003: age_group" in listed.output
    done = runner.invoke(app, ["exclusions", "lift", str(stored.pk), "--rule", "sen2-1003",
                               "--reason", "Birth date checked: a care leaver aged 26",
                               "--user", "analyst-1"])
    assert done.exit_code == 0, done.output
    stored.refresh_from_db()
    assert stored.excluded_from == "" and json.loads(stored.exclusions or "{}") == {}
    assert build(["886"]).requests["birth_month"].is_not_null().all()
    event = AuditEvent.objects.get(object_type="Request", object_id=str(stored.pk))
    assert event.username == "analyst-1" and "care leaver" in event.summary
    assert AuditEvent.objects.filter(object_type="Exclusions", action="view").exists()
    # the same record again in another file: unchanged, so the resolution stands
    path = write(tmp_path, "old-again.xml", [old])
    path.write_text(path.read_text().replace("<SerialNo>001", "<SerialNo>003"))
    assert import_sen2([path]).changes["requests_unchanged"] == 1
    stored.refresh_from_db()
    assert stored.excluded_from == ""
