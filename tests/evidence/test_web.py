"""The evidence library's pages: upload with GOV.UK errors, detail, replace, audited
downloads and previews, area scoping and who may do what."""

from __future__ import annotations

import hashlib
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sendassure.core.models import AuditEvent
from sendassure.plan.evidence import service
from sendassure.plan.models import EvidenceBlob, EvidenceFile

from . import files

pytestmark = pytest.mark.django_db

VIEWERS = ["administrator", "analyst", "casework", "auditor", "health", "board", "forum",
           "reviewer"]


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def add(user, name: str, data: bytes, la: str = "886", **fields):
    return service.add_file(user, la=la, title=fields.pop("title", name), filename=name,
                            content=io.BytesIO(data), size=len(data), **fields)


def body(response) -> str:
    return b"".join(response.streaming_content).decode() if response.streaming else \
        response.content.decode()


def test_an_analyst_uploads_evidence_linked_to_the_plan(client, make_user, plan):
    _, area, action = plan
    client.force_login(make_user("analyst"))
    form = client.get(reverse("evidence-upload")).content.decode()
    assert "Kent WSoA (886): 6. Timeliness of EHC plans" in form and "6.3 Recruit EPs" in form
    response = client.post(reverse("evidence-upload"), {
        "title": "EP recruitment update", "description": "Six EPs started",
        "date-day": "27", "date-month": "3", "date-year": "2024", "author": "SEND team",
        "reference": "E-6.3-01", "tags": "workforce, EPs", "areas": [area.pk],
        "actions": [action.pk], "file": upload("update.docx", files.docx("Six EPs started"))})
    evidence = EvidenceFile.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("evidence-detail", args=[evidence.pk])
    assert (evidence.title, evidence.la, str(evidence.date), evidence.reference) == (
        "EP recruitment update", "886", "2024-03-27", "E-6.3-01")
    assert list(evidence.areas.all()) == [area] and list(evidence.actions.all()) == [action]
    assert evidence.current.uploaded_by.username == "analyst-user"
    assert AuditEvent.objects.filter(action="upload", object_id=str(evidence.pk)).exists()
    page = client.get(response["Location"]).content.decode()
    assert "has been added to the library" in page
    assert "Six EPs started" in page and "6.3 Recruit EPs" in page  # text preview and links


@pytest.mark.parametrize(("name", "data", "message"), [
    ("report.pdf", files.plain_zip(), "report.pdf is not a PDF: its content is a ZIP archive"),
    ("page.html", b"<script>alert(1)</script>", "page.html is a web page"),
    ("letter.docx", files.docx("x", vba=True), "letter.docx contains macros"),
    ("empty.txt", b"", "empty.txt is empty"),
])
def test_a_refused_upload_shows_a_govuk_error_and_stores_nothing(client, make_user, name, data,
                                                                 message, evidence_root):
    client.force_login(make_user("analyst"))
    response = client.post(reverse("evidence-upload"),
                           {"title": "Anything", "file": upload(name, data)})
    page = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in page and 'href="#file"' in page
    assert message in page.replace("&lt;", "<").replace("&gt;", ">")
    assert EvidenceFile.objects.count() == EvidenceBlob.objects.count() == 0
    assert not evidence_root.exists() or not any(evidence_root.rglob("*"))


def test_a_file_over_the_configured_limit_is_refused(client, make_user, settings):
    settings.EVIDENCE_MAX_MB = 1
    client.force_login(make_user("analyst"))
    data = b"a" * (2 * 1024 * 1024)  # 2 MB of text: over the 1 MB limit
    response = client.post(reverse("evidence-upload"),
                           {"title": "Big", "file": upload("big.txt", data)})
    assert response.status_code == 400
    assert "big.txt is 2.0 MB: files must be 1 MB or smaller" in response.content.decode()
    assert EvidenceFile.objects.count() == 0


def test_missing_title_and_file_and_a_bad_date_are_each_reported(client, make_user):
    client.force_login(make_user("analyst"))
    response = client.post(reverse("evidence-upload"),
                           {"date-day": "31", "date-month": "2", "date-year": "2024"})
    page = response.content.decode()
    assert response.status_code == 400
    for text in ("Enter a title", "Select the evidence file to upload",
                 "The date of the evidence must be a real date"):
        assert text in page


def test_areas_of_another_local_area_cannot_be_linked(client, make_user, plan):
    from sendassure.plan.models import AreaOfWeakness, Plan

    medway = Plan.objects.create(la="887", title="Medway", plan_type="wsoa",
                                 start_date="2023-01-01")
    foreign = AreaOfWeakness.objects.create(plan=medway, number=1, title="Other")
    client.force_login(make_user("analyst"))
    response = client.post(reverse("evidence-upload"), {
        "title": "T", "areas": [foreign.pk], "file": upload("a.txt", b"text\n")})
    assert response.status_code == 400 and EvidenceFile.objects.count() == 0


def test_download_streams_the_file_with_safe_headers_and_is_audited(client, make_user):
    analyst = make_user("analyst")
    data = files.pdf()
    evidence = add(analyst, "letter.pdf", data)
    board = make_user("board")
    client.force_login(board)
    response = client.get(reverse("evidence-download", args=[evidence.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == data
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="letter.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    event = AuditEvent.objects.get(action="download")
    assert (event.username, event.object_type, event.object_id, event.summary) == (
        "board-user", "EvidenceFile", str(evidence.pk), "letter.pdf")


def test_an_old_version_stays_downloadable_after_replacing(client, make_user):
    analyst = make_user("analyst")
    evidence = add(analyst, "figures.csv", b"area,value\nKent,50\n")
    client.force_login(analyst)
    response = client.post(reverse("evidence-replace", args=[evidence.pk]),
                           {"file": upload("figures.csv", b"area,value\nKent,58\n")})
    assert response.status_code == 302
    old = client.get(reverse("evidence-version-download", args=[evidence.pk, 1]))
    new = client.get(reverse("evidence-download", args=[evidence.pk]))
    assert b"".join(old.streaming_content) == b"area,value\nKent,50\n"
    assert b"".join(new.streaming_content) == b"area,value\nKent,58\n"
    assert old["Content-Type"] == "text/csv; charset=utf-8"
    assert AuditEvent.objects.filter(action="download").count() == 2
    assert AuditEvent.objects.filter(action="replace", object_id=str(evidence.pk)).exists()
    page = client.get(reverse("evidence-detail", args=[evidence.pk])).content.decode()
    assert reverse("evidence-version-download", args=[evidence.pk, 1]) in page
    assert client.get(reverse("evidence-version-download",
                              args=[evidence.pk, 3])).status_code == 404


def test_a_refused_replacement_keeps_the_current_version(client, make_user):
    analyst = make_user("analyst")
    evidence = add(analyst, "figures.csv", b"a,b\n")
    client.force_login(analyst)
    response = client.post(reverse("evidence-replace", args=[evidence.pk]),
                           {"file": upload("figures.csv", b"<script>x</script>")})
    assert response.status_code == 400 and "There is a problem" in response.content.decode()
    assert evidence.versions.count() == 1


def test_images_preview_inline_and_the_view_is_audited(client, make_user):
    analyst = make_user("analyst")
    image = add(analyst, "chart.png", files.PNG)
    pdf = add(analyst, "letter.pdf", files.pdf())
    client.force_login(make_user("reviewer"))
    page = client.get(reverse("evidence-detail", args=[image.pk])).content.decode()
    assert f'<img src="{reverse("evidence-preview", args=[image.pk])}"' in page
    response = client.get(reverse("evidence-preview", args=[image.pk]))
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("inline")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == files.PNG
    assert AuditEvent.objects.filter(action="view", object_id=str(image.pk)).count() == 1
    assert client.get(reverse("evidence-preview", args=[pdf.pk])).status_code == 404
    pdf_page = client.get(reverse("evidence-detail", args=[pdf.pk])).content.decode()
    assert "hello evidence" in pdf_page  # the PDF's text is its preview


def test_the_list_searches_by_text_and_tag(client, make_user):
    analyst = make_user("analyst")
    add(analyst, "letter.pdf", files.pdf("hello evidence"), title="DfE letter", tags="DfE")
    add(analyst, "plan.docx", files.docx("EP workforce plan"), title="Workforce plan",
        tags="workforce")
    client.force_login(make_user("forum"))
    found = client.get(reverse("evidence"), {"q": "hello"}).content.decode()
    assert "DfE letter" in found and "Workforce plan" not in found
    tagged = client.get(reverse("evidence"), {"tag": "workforce"}).content.decode()
    assert "Workforce plan" in tagged and "DfE letter" not in tagged
    assert "Upload evidence" not in tagged  # the forum may not upload


@pytest.mark.parametrize("name", ["evidence-detail", "evidence-download", "evidence-preview",
                                  "evidence-replace"])
def test_another_areas_evidence_is_not_found(client, make_user, name):
    evidence = add(make_user("analyst", "kent"), "chart.png", files.PNG)
    client.force_login(make_user("administrator", "medway", areas=("887",)))
    assert client.get(reverse(name, args=[evidence.pk])).status_code == 404
    assert client.get(reverse("evidence-version-download",
                              args=[evidence.pk, 1])).status_code == 404
    assert "chart.png" not in client.get(reverse("evidence")).content.decode()
    assert not AuditEvent.objects.filter(action__in=["download", "view"]).exists()


@pytest.mark.parametrize("role", VIEWERS)
def test_every_role_may_read_and_download_evidence_of_its_area(client, make_user, role):
    evidence = add(make_user("analyst", "owner"), "notes.txt", b"board notes\n")
    client.force_login(make_user(role))
    assert client.get(reverse("evidence")).status_code == 200
    assert client.get(reverse("evidence-detail", args=[evidence.pk])).status_code == 200
    download = client.get(reverse("evidence-download", args=[evidence.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"board notes\n"


@pytest.mark.parametrize("role", ["casework", "auditor", "health", "board", "forum", "reviewer"])
def test_only_analysts_and_administrators_upload_or_replace(client, make_user, role):
    evidence = add(make_user("analyst", "owner"), "notes.txt", b"notes\n")
    client.force_login(make_user(role))
    assert client.get(reverse("evidence-upload")).status_code == 403
    assert client.post(reverse("evidence-upload"),
                       {"title": "x", "file": upload("a.txt", b"a\n")}).status_code == 403
    assert client.post(reverse("evidence-replace", args=[evidence.pk]),
                       {"file": upload("b.txt", b"b\n")}).status_code == 403
    assert EvidenceFile.objects.count() == 1 and evidence.versions.count() == 1


def test_anonymous_visitors_are_sent_to_sign_in(client, make_user):
    evidence = add(make_user("analyst"), "notes.txt", b"notes\n")
    response = client.get(reverse("evidence-download", args=[evidence.pk]))
    assert response.status_code == 302 and response["Location"].startswith(reverse("sign-in"))


def test_the_stored_blob_is_named_by_its_sha256(make_user, evidence_root):
    data = b"hash me\n"
    add(make_user("analyst"), "h.txt", data)
    # sha256 computed independently of the store
    sha = hashlib.sha256(data).hexdigest()
    assert (evidence_root / sha[:2] / sha[2:4] / sha).is_file()


def test_a_large_upload_spooled_to_disk_by_django_is_stored_whole(client, make_user):
    # 3 MB is over Django's 2.5 MB in-memory limit, so the upload arrives as a temporary
    # file; the conftest's limit is 5 MB, so it is accepted
    data = b"area,value\n" + b"Kent,58\n" * (3 * 1024 * 1024 // 8)
    client.force_login(make_user("analyst"))
    response = client.post(reverse("evidence-upload"),
                           {"title": "Big table", "file": upload("big.csv", data)})
    assert response.status_code == 302
    evidence = EvidenceFile.objects.get()
    assert evidence.current.blob.size == len(data)
    assert evidence.current.blob_id == hashlib.sha256(data).hexdigest()


def test_an_upload_answers_open_evidence_requests_picked_from_the_list(client, make_user, plan):
    from sendassure.plan.models import EvidenceRequest

    kent, area, action = plan
    wanted = EvidenceRequest.objects.create(plan=kent, area=area, text="EP recruitment figures")
    done = EvidenceRequest.objects.create(plan=kent, area=area, text="Timeliness trend",
                                          status="answered", response="See the dashboard")
    client.force_login(make_user("analyst"))
    form = client.get(reverse("evidence-upload")).content.decode()
    assert "Kent WSoA (886), area 6: EP recruitment figures" in form
    assert "Timeliness trend" not in form  # answered already: nothing to pick
    assert 'data-app-filter="requests"' in form and "filter-list" in form
    response = client.post(reverse("evidence-upload"), {
        "title": "EP recruitment update", "requests": [wanted.pk],
        "file": upload("update.docx", files.docx("Six EPs started"))})
    assert response.status_code == 302
    evidence = EvidenceFile.objects.get()
    assert list(wanted.files.all()) == [evidence] and not done.files.exists()
    page = client.get(reverse("plan-requests", args=[kent.pk])).content.decode()
    assert "EP recruitment update" in page  # shown as answering it


def test_an_answered_or_foreign_request_cannot_be_linked_on_upload(client, make_user, plan):
    from sendassure.plan.models import AreaOfWeakness, EvidenceRequest, Plan

    kent, area, _ = plan
    done = EvidenceRequest.objects.create(plan=kent, area=area, text="Timeliness trend",
                                          status="closed", response="Accepted")
    other = Plan.objects.create(la="201", title="City WSoA", plan_type="wsoa",
                                start_date="2023-01-01")
    foreign = EvidenceRequest.objects.create(
        plan=other, area=AreaOfWeakness.objects.create(plan=other, number=1, title="Waits"),
        text="Their request")
    client.force_login(make_user("analyst"))
    for pk in (done.pk, foreign.pk):
        response = client.post(reverse("evidence-upload"), {
            "title": "Update", "requests": [pk],
            "file": upload("update.docx", files.docx("Six EPs started"))})
        assert response.status_code == 400
        assert "Select open evidence requests from plans of the chosen local area" in \
            response.content.decode()
    assert not EvidenceFile.objects.exists()
