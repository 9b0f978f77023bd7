"""Import semantics: store, quarantine, reject, idempotency, newer-wins, transactions."""

from __future__ import annotations

import json

import pytest

from sendassure.casework import models as m
from sendassure.ingest.importer import import_sen2
from sendassure.ingest.models import ImportIssue, ImportRun, QuarantinedRecord

from .sen2_builder import active_plan, person, plan_issued, request, write

pytestmark = pytest.mark.django_db


def test_a_clean_return_is_stored_with_everything_below_each_request(tmp_path):
    path = write(tmp_path, "clean.xml", [
        person(1, [request(active=active_plan())]),
        person(2, [request(received="2024-03-01", outcome="N", outcome_date="2024-04-05",
                           assessment=None)]),
    ])
    report = import_sen2([path])
    assert report.status == "stored", report.message
    assert [i for i in report.issues if i.severity == "error"] == []
    assert report.stored["person"] == 2 and report.stored["request"] == 2
    assert m.Person.objects.count() == 2 and m.Request.objects.count() == 2
    assert m.Assessment.objects.count() == 1 and m.NamedPlan.objects.count() == 1
    assert m.PlanDetail.objects.count() == 1 and m.ActivePlan.objects.count() == 1
    assert m.PlacementDetail.objects.count() == 1 and m.SenNeed.objects.count() == 1
    assert m.Review.objects.get().review_outcome == "M"
    stored = m.Request.objects.get(received_date="2024-01-10")
    assert stored.la == "886" and str(stored.reference_date) == "2025-01-16"
    assert stored.import_run == ImportRun.objects.get()
    assert stored.assessment.assessment_outcome == "Y"
    assert str(stored.assessment.assessment_outcome_date) == "2024-05-20"


def test_an_error_no_measure_can_live_with_quarantines_that_request_whole(tmp_path):
    # the same ReceivedDate twice (SEN2-2013, excluded from all): the second is quarantined
    twice = request(assessment=plan_issued(date="2024-05-01"))
    path = write(tmp_path, "bad.xml", [person(1, [request(), twice])])
    report = import_sen2([path])
    assert report.status == "stored"
    assert report.quarantined["request"] == 1 and report.quarantined["assessment"] == 1
    assert report.quarantined["named_plan"] == 1
    assert m.Request.objects.count() == 1  # the first one only
    record = QuarantinedRecord.objects.get()
    assert record.scope == "request" and record.location.endswith("Requests[2]")
    assert record.issues.filter(severity="error", excluded_from="all").exists()
    assert ImportIssue.objects.filter(quarantined_record=record).count() >= 1


def test_an_error_barring_some_sections_stores_the_request_with_them(tmp_path):
    # issued before it was received (SEN2-3005): out of timeliness and not_to_issue only
    bad = request(received="2024-06-01", outcome_date="2024-06-10",
                  assessment=plan_issued(date="2024-05-01"))
    path = write(tmp_path, "bad.xml", [person(1, [request(), bad])])
    report = import_sen2([path])
    assert report.quarantined == {} and QuarantinedRecord.objects.count() == 0
    assert m.Request.objects.count() == 2 and report.barred == 1
    assert report.excluded == {"timeliness": 1, "not_to_issue": 1}
    stored = m.Request.objects.get(received_date="2024-06-01")
    assert stored.excluded_from == ",not_to_issue,timeliness,"
    assert json.loads(stored.exclusions) == {"SEN2-3005": ["not_to_issue", "timeliness"]}
    assert m.Request.objects.get(received_date="2024-01-10").excluded_from == ""
    issue = ImportIssue.objects.get(code="SEN2-3005")
    assert issue.excluded_from == "timeliness,not_to_issue"
    assert issue.quarantined_record is None


def test_a_person_level_error_bars_every_request_of_the_person(tmp_path):
    path = write(tmp_path, "p.xml", [person(1, [request(), request(received="2024-03-01", outcome_date="2024-03-20")],
                                            PersonBirthDate="2015-13-45"), person(2)])
    report = import_sen2([path])
    assert report.status == "stored" and report.quarantined == {}
    assert m.Person.objects.count() == 2
    barred = m.Request.objects.filter(person__birth_month__isnull=True)
    assert barred.count() == 2
    assert {r.excluded_from for r in barred} == {",age_group,"}
    assert report.excluded == {"age_group": 2}


def test_reimporting_the_same_file_changes_nothing(tmp_path, table_counts):
    path = write(tmp_path, "same.xml", [person(1), person(2, [request(active=active_plan())])])
    assert import_sen2([path]).status == "stored"
    before = table_counts()
    again = import_sen2([path])
    assert again.status == "unchanged" and "nothing has changed" in again.message
    assert table_counts() == before


def test_a_later_return_updates_and_an_older_one_never_overwrites(tmp_path):
    older = write(tmp_path, "2024.xml", [person(1, [request(outcome="A", outcome_date=None,
                                                         assessment=None)])],
                  year="2024", reference_date="2024-01-18")
    newer = write(tmp_path, "2025.xml", [person(1, [request()])])
    assert import_sen2([older]).status == "stored"
    assert m.Request.objects.get().request_outcome == "A"
    report = import_sen2([newer])
    assert report.changes["requests_updated"] == 1
    stored = m.Request.objects.get()
    assert stored.request_outcome == "Y" and str(stored.reference_date) == "2025-01-16"
    assert stored.assessment.assessment_outcome == "Y"
    # The older return again, under another name: matched, but never overwrites.
    older_copy = write(tmp_path, "2024-again.xml", [person(1, [request(
        outcome="A", outcome_date=None, assessment=None, RequestSource="2")])],
        year="2024", reference_date="2024-01-18")
    report = import_sen2([older_copy])
    assert report.changes["requests_skipped_older"] == 1
    assert m.Request.objects.get().request_outcome == "Y"
    assert m.Person.objects.count() == 1 and m.Request.objects.count() == 1


def test_a_person_is_matched_by_upn_across_returns(tmp_path):
    earlier = request(received="2023-06-01", outcome_date="2023-07-01",
                      assessment=plan_issued(date="2023-10-01", start="2023-10-01"))
    first = write(tmp_path, "a.xml", [person(1, [earlier])], reference_date="2024-01-18",
                  year="2024")
    second = write(tmp_path, "b.xml", [person(1, [request(received="2024-09-01",
                                                          assessment=None, outcome="A",
                                                          outcome_date=None)])])
    assert import_sen2([first]).quarantined == {}
    assert import_sen2([second]).quarantined == {}
    assert m.Person.objects.count() == 1 and m.Request.objects.count() == 2


@pytest.mark.parametrize(
    "content, reason",
    [
        ("<Message><Header>", "well-formed"),
        ("<NotSen2><Header/></NotSen2>", ""),
        ("", ""),
    ],
)
def test_unreadable_files_are_rejected_and_nothing_is_stored(tmp_path, table_counts, content,
                                                            reason):
    before = table_counts()
    path = tmp_path / "broken.xml"
    path.write_text(content)
    report = import_sen2([path])
    assert report.status == "rejected"
    assert "broken.xml" in report.message
    assert table_counts() == before


def test_a_file_broken_after_good_persons_is_rejected_whole(tmp_path, table_counts):
    good = write(tmp_path, "good.xml", [person(n) for n in range(1, 30)])
    text = good.read_text()
    truncated = tmp_path / "truncated.xml"
    truncated.write_text(text[: int(len(text) * 0.8)])
    before = table_counts()
    report = import_sen2([truncated])
    assert report.status == "rejected" and "truncated.xml" in report.message
    assert table_counts() == before


def test_strict_rejects_a_file_with_any_error(tmp_path, table_counts):
    path = write(tmp_path, "p.xml", [person(1, PersonBirthDate="not a date"), person(2)])
    before = table_counts()
    report = import_sen2([path], strict=True)
    assert report.status == "rejected" and "--strict" in report.message
    assert table_counts() == before


def test_a_crash_mid_import_leaves_the_database_as_it_was(tmp_path, table_counts, monkeypatch):
    from sendassure.ingest import store

    first = write(tmp_path, "first.xml", [person(1)])
    import_sen2([first])
    before = table_counts()
    path = write(tmp_path, "many.xml", [person(n) for n in range(1, 40)])
    monkeypatch.setattr(store.Store, "BATCH", 10)
    calls = {"n": 0}
    real_flush = store.Store.flush

    def flaky_flush(self):
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("power cut")
        real_flush(self)

    monkeypatch.setattr(store.Store, "flush", flaky_flush)
    with pytest.raises(RuntimeError):
        import_sen2([path])
    assert table_counts() == before
    monkeypatch.setattr(store.Store, "flush", real_flush)
    assert import_sen2([path]).status == "stored"
    assert m.Person.objects.count() == 39


def test_the_report_json_has_the_documented_shape(tmp_path):
    bad = request(received="2024-06-01", outcome_date="2024-06-10",
                  assessment=plan_issued(date="2024-05-01"))
    path = write(tmp_path, "r.xml", [person(1, [bad])])
    report = import_sen2([path]).as_json()
    assert report["file"] == "r.xml" and report["status"] == "stored"
    assert report["quarantined"] == {} and report["excluded"] == {
        "not_to_issue": 1, "timeliness": 1}
    issue = next(i for i in report["issues"] if i["field"] == "AssessmentOutcomeDate")
    assert set(issue) == {"code", "severity", "location", "field", "value", "message",
                          "excluded_from"}
    assert issue["severity"] == "error"
    assert issue["excluded_from"] == ["timeliness", "not_to_issue"]
    assert issue["location"] == (
        "/Message/Persons/Person[1]/Requests[1]/Assessment/AssessmentOutcomeDate"
    )
    assert issue["value"] == "2024-05-01" and "2024-05-01" in issue["message"]


def test_a_repeated_request_is_quarantined_not_silently_dropped(tmp_path):
    path = write(tmp_path, "twice.xml", [person(1, [request(), request()])])
    report = import_sen2([path])
    assert report.quarantined["request"] == 1 and m.Request.objects.count() == 1
    assert [i.code for i in report.issues if i.severity == "error"] == ["SEN2-2013"]
    assert report.as_json()["issues"][0]["excluded_from"] == ["all"]


def test_reader_problems_and_spelling_variants_are_reported(tmp_path):
    path = write(tmp_path, "odd.xml", [person(1)])
    text = path.read_text().replace("<Sex>F</Sex>", "<Sex>F</Sex><Sex>M</Sex>")
    text = text.replace("<SENunitIndicator>", "<SENUnitIndicator>").replace(
        "</SENunitIndicator>", "</SENUnitIndicator>")
    path.write_text(text)
    report = import_sen2([path])
    assert report.status == "stored"
    problem = next(i for i in report.issues if i.code == "SEN2-0001")
    assert problem.field == "Sex" and problem.location.endswith("Person[1]/Sex")
    assert "SENUnitIndicator" in report.variants
    assert m.Person.objects.get().sex == "F"
    assert ImportIssue.objects.filter(code="SEN2-0001").count() == 1


def test_a_plan_reported_later_as_historical_updates_the_case_it_came_from(tmp_path):
    """Year 1 reports the request that led to the plan; later returns report the same plan
    as a historical (H) request keyed by its StartDate. It stays one case: the request's
    timeliness facts are kept, the plan's status follows the newer return."""
    issued = request(received="2023-09-01", outcome_date="2023-10-10",
                     assessment=plan_issued(date="2024-01-05", start="2024-01-05"),
                     active=active_plan())
    year1 = write(tmp_path, "2024.xml", [person(1, [issued])], year="2024",
                  reference_date="2024-01-18")
    historical = {
        "RequestOutcome": "H",
        "Assessment": {"AssessmentOutcome": "H", "NamedPlan": {"StartDate": "2024-01-05"}},
        "ActivePlans": active_plan(ReviewMeeting="2024-12-01", LastReview="2024-12-20"),
    }
    year2 = write(tmp_path, "2025.xml", [person(1, [historical])])
    ceased = {
        "RequestOutcome": "H",
        "Assessment": {"AssessmentOutcome": "H", "NamedPlan": {
            "StartDate": "2024-01-05", "CeaseDate": "2025-07-20", "CeaseReason": "5"}},
    }
    year3 = write(tmp_path, "2026.xml", [person(1, [ceased])], year="2026",
                  reference_date="2026-01-15")
    for path in (year1, year2):
        assert import_sen2([path]).quarantined == {}
    case = m.Request.objects.get()
    assert (case.request_outcome, str(case.received_date)) == ("Y", "2023-09-01")
    assert str(case.assessment.assessment_outcome_date) == "2024-01-05"
    assert str(case.active_plan.review.review_meeting) == "2024-12-01"
    assert import_sen2([year3]).quarantined == {}
    case = m.Request.objects.get()
    assert case.request_outcome == "Y" and str(case.reference_date) == "2026-01-15"
    assert str(case.assessment.named_plan.cease_date) == "2025-07-20"
    assert m.ActivePlan.objects.count() == 0


def test_a_person_given_twice_keeps_the_first_row(tmp_path):
    earlier = request(received="2023-06-01", outcome_date="2023-07-01",
                      assessment=plan_issued(date="2023-10-01", start="2023-10-01"))
    older = write(tmp_path, "2024.xml", [person(1, [earlier])], year="2024",
                  reference_date="2024-01-18")
    twice = write(tmp_path, "2025.xml", [person(1, [earlier], Ethnicity="WIRI"),
                                         person(1, [earlier], Ethnicity="APKN")])
    import_sen2([older])
    import_sen2([twice])
    assert m.Person.objects.get().ethnicity == "WIRI"


def test_a_file_judged_by_an_older_rule_catalogue_is_judged_again(tmp_path):
    bad = request(received="2024-06-01", outcome_date="2024-06-10",
                  assessment=plan_issued(date="2024-05-01"))
    path = write(tmp_path, "old.xml", [person(1, [request(), bad])])
    assert import_sen2([path]).status == "stored"
    assert import_sen2([path]).status == "unchanged"
    # as if the first import had been judged by an earlier catalogue, which quarantined
    # the request whole: the same file again is judged afresh and the request comes back
    ImportRun.objects.update(rules_version="")
    m.Request.objects.filter(received_date="2024-06-01").delete()
    again = import_sen2([path])
    assert again.status == "stored" and again.changes["requests_created"] == 1
    assert m.Request.objects.count() == 2
    assert import_sen2([path]).status == "unchanged"
