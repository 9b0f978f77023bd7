"""Uploading a return through the web, the import history and the quarantine export."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sendassure.core.models import AuditEvent
from sendassure.ingest.models import ImportRun

from ..casework.sen2_builder import person, plan_issued, request, sen2_xml

pytestmark = pytest.mark.django_db


def _upload(name: str, content: str, **extra):
    return SimpleUploadedFile(name, content.encode(), content_type="application/xml")


def _return_with_a_bad_request(la="886") -> str:
    """Person 1's second request was issued before it was received (SEN2-3005: stored,
    left out of timeliness); person 2 reports one request twice (SEN2-2013: the second
    is quarantined whole)."""
    bad = request(received="2024-06-01", outcome_date="2024-06-10",
                  assessment=plan_issued(date="2024-05-01"))
    return sen2_xml([person(1, [request(), bad]), person(2, [request(), request()])], la=la)


def test_an_analyst_uploads_a_return_and_sees_it_in_the_history(client, make_user):
    client.force_login(make_user("analyst"))
    response = client.post(reverse("import-upload"),
                           {"returns": _upload("kent-2025.xml", _return_with_a_bad_request())})
    page = response.content.decode()
    assert response.status_code == 200 and "Return imported" in page
    run = ImportRun.objects.get()
    assert (run.file_name, run.username, run.la) == ("kent-2025.xml", "analyst-user", "886")
    assert run.quarantined["request"] == 1 and run.stored["request"] == 3
    assert run.excluded == {"timeliness": 1, "not_to_issue": 1}
    assert AuditEvent.objects.filter(action="import", username="analyst-user").exists()
    history = client.get(reverse("imports")).content.decode()
    assert "kent-2025.xml" in history and run.file_hash[:12] in history
    assert "SEN2-3005: 1" in history and "SEN2-2013: 1" in history


def test_a_return_for_another_area_is_refused(client, make_user):
    client.force_login(make_user("analyst"))
    response = client.post(reverse("import-upload"),
                           {"returns": _upload("other.xml", _return_with_a_bad_request("201"))})
    assert "not one of your areas" in response.content.decode()
    assert ImportRun.objects.count() == 0


def test_wrong_file_types_and_empty_uploads_get_govuk_errors(client, make_user):
    client.force_login(make_user("analyst"))
    response = client.post(reverse("import-upload"), {"returns": _upload("plan.docx", "x")})
    assert response.status_code == 400
    assert "plan.docx must be an XML or CSV file" in response.content.decode()
    empty = client.post(reverse("import-upload"), {})
    assert empty.status_code == 400 and "There is a problem" in empty.content.decode()


def test_the_quarantine_exports_as_csv_and_is_audited(client, make_user):
    client.force_login(make_user("analyst"))
    client.post(reverse("import-upload"), {"returns": _upload("k.xml", _return_with_a_bad_request())})
    response = client.get(reverse("quarantine-export"))
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert response["Content-Type"].startswith("text/csv")
    assert {r["code"] for r in rows} == {"SEN2-2013"}  # only what is quarantined whole
    assert all(r["location"].endswith("Person[2]/Requests[2]") for r in rows)
    assert AuditEvent.objects.filter(action="export", object_type="Quarantine").count() == 1


def test_the_quarantine_export_cannot_carry_a_live_formula(client, make_user):
    from sendassure.core.spreadsheets import spreadsheet_safe
    from sendassure.ingest.models import ImportIssue

    client.force_login(make_user("analyst"))
    client.post(reverse("import-upload"), {"returns": _upload("k.xml", _return_with_a_bad_request())})
    ImportIssue.objects.filter(code="SEN2-2013").update(value='=HYPERLINK("http://x","y")',
                                                        message="+1+1", field="@SUM(A1)")
    rows = list(csv.DictReader(io.StringIO(client.get(reverse("quarantine-export"))
                                           .content.decode())))
    assert rows and all(r["value"] == "'=HYPERLINK(\"http://x\",\"y\")" for r in rows)
    assert all(r["message"] == "'+1+1" and r["field"] == "'@SUM(A1)" for r in rows)
    assert [spreadsheet_safe(v) for v in ("-2", "\tx", "plain", 3)] == ["'-2", "'\tx", "plain", 3]
