"""The review pack: its sections and figures, read back from the PDF's own text."""

from __future__ import annotations

from datetime import date
from io import BytesIO

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from sendassure.cli import app
from sendassure.ingest.importer import import_sen2
from sendassure.plan.models import Action, ExceptionReport, RagRating

from ..casework.sen2_builder import person, plan_issued, request, write
from ..core.test_url_roles import sample_plan

pytestmark = pytest.mark.django_db
runner = CliRunner()


@pytest.fixture
def plan_with_data(tmp_path):
    people = [person(n, [request(received="2023-01-05", outcome_date="2023-02-01",
                                 assessment=plan_issued(date=issued, start=issued))])
              for n, issued in enumerate(["2023-05-01", "2023-05-10", "2023-05-20",
                                          "2023-08-01", "2023-09-01", "2023-10-01"], start=1)]
    import_sen2([write(tmp_path, "area.xml", people, year="2024", reference_date="2024-01-18")])
    plan = sample_plan()
    action = Action.objects.get()
    RagRating.objects.create(action=action, review_date=date(2023, 11, 15), rating="red",
                             rationale="Backlog still rising")
    ExceptionReport.objects.create(action=action, review_date=date(2023, 11, 15),
                                   commentary="Agency staff left", recovery_action="Recruit 10",
                                   owner="Head of SEND")
    return plan


def _pdf_text(path) -> str:
    reader = PdfReader(BytesIO(path.read_bytes()))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_the_pdf_has_every_section_for_every_area(tmp_path, plan_with_data):
    out = tmp_path / "pack.pdf"
    result = runner.invoke(app, ["pack", "review", "--review", "2023-11-15", "--out", str(out)])
    assert result.exit_code == 0, result.output
    text = " ".join(_pdf_text(out).split())
    for heading in ("At a glance", "Area 6: Inconsistent EHC process", "What we said",
                    "What we did", "The difference it made", "Evidence", "What we will do next",
                    "Open evidence requests", "Narrative: draft from the figures", "Exception reports"):
        assert heading in text, heading
    assert "6.1" in text and "Clear the backlog" in text
    assert "EHCP timeliness beyond 30 and 52 weeks" in text
    assert "Agency staff left" in text and "Recruit 10" in text
    # "now" is the 12 months to October 2023 (the last complete month at the review), only
    # partly covered: the data begins in January 2023. 6 plans issued from requests of
    # 5 Jan: 116, 125, 135 days within 20 weeks, 208, 239, 269 over: 3 of 6 = 50.0%, but 3
    # is a count from 1-4, so the pack shows c
    assert "% issued within 20 weeks: c for 12 months to Oct 2023 (partial)" in text
    assert "Data to 18 Jan 2024" in text and "as known on 15 November 2023" in text


def test_the_pdf_is_tagged_and_declares_its_language(tmp_path, plan_with_data):
    out = tmp_path / "pack.pdf"
    runner.invoke(app, ["pack", "review", "--review", "2023-11-15", "--out", str(out)])
    reader = PdfReader(BytesIO(out.read_bytes()))
    root = reader.trailer["/Root"]
    assert root.get("/Lang") in ("en", b"en")
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]


def test_html_and_xlsx_versions(tmp_path, plan_with_data):
    from openpyxl import load_workbook

    html = tmp_path / "pack.html"
    xlsx = tmp_path / "pack.xlsx"
    for out in (html, xlsx):
        result = runner.invoke(app, ["pack", "review", "--review", "2023-11-15", "--out",
                                     str(out)])
        assert result.exit_code == 0, result.output
    page = html.read_text()
    assert '<html lang="en">' in page and "What we said" in page
    book = load_workbook(xlsx)
    assert book.sheetnames == ["About", "At a glance", "RAG by review", "Measures", "Quarters",
                               "Benchmarks", "Outcomes", "Actions", "Next steps",
                               "Evidence", "Evidence requests", "You said, we did",
                               "Narrative"]
    glance = list(book["At a glance"].iter_rows(values_only=True))
    assert glance[1][:3] == (6, "Inconsistent EHC process", "Amber")  # numbers are numbers
    about = dict(book["About"].iter_rows(min_row=2, values_only=True))
    assert about["review date"].date() == date(2023, 11, 15)  # dates are dates
    quarters = list(book["Quarters"].iter_rows(min_row=2, values_only=True))
    # Q2 2023: 3 plans issued in May, all within 20 weeks: shown as c (3 is 1 to 4)
    assert ("2023 Q2 (Apr 2023 to Jun 2023)", "c", "c", "c") == quarters[-3][2:6]


def test_bad_arguments(tmp_path, plan_with_data):
    assert runner.invoke(app, ["pack", "review", "--review", "15/11/2023", "--out",
                               str(tmp_path / "p.pdf")]).exit_code == 2
    assert runner.invoke(app, ["pack", "review", "--review", "2023-11-15", "--out",
                               str(tmp_path / "p.doc")]).exit_code == 2


def test_the_button_builds_the_pack_for_aggregate_roles_and_is_audited(client, make_user,
                                                                        plan_with_data):
    from django.urls import reverse

    from sendassure.core.models import AuditEvent

    client.force_login(make_user("reviewer"))
    overview = client.get(reverse("plan-overview", args=[plan_with_data.pk])).content.decode()
    assert "Build review pack" in overview
    response = _build(client, plan_with_data, "pdf")
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert AuditEvent.objects.filter(action="export", object_type="ReviewPack").exists()


def _build(client, plan, fmt):
    """Build the pack from the web as a user does (the background job run here, at
    once), then download the format from the job's page."""
    from django.urls import reverse

    from sendassure.jobs.models import PackJob
    from sendassure.jobs.runner import run_job

    queued = client.post(reverse("plan-pack", args=[plan.pk]),
                         {"review": "2023-11-15", "format": fmt})
    job = run_job(PackJob.objects.latest("pk").pk)
    assert queued["Location"] == reverse("pack-job", args=[plan.pk, job.pk])
    assert job.status == "done", job.error
    return client.get(reverse("pack-job-file", args=[plan.pk, job.pk, fmt]))


def test_the_pdf_fetcher_refuses_anything_but_inline_data():
    from sendassure.reports.output import no_network

    fetcher = no_network()
    with pytest.raises(Exception, match="(?i)protocol|not allowed"):
        fetcher.fetch("http://example.com/tracker.png")
    with pytest.raises(Exception, match="(?i)protocol|not allowed"):
        fetcher.fetch("file:///etc/passwd")
    response = fetcher.fetch("data:text/plain;base64,aGVsbG8=")
    assert response.read() == b"hello"  # inline data is read, and only that


def test_every_format_of_the_pack_from_the_web_is_audited(client, make_user, plan_with_data):
    from sendassure.core.models import AuditEvent

    client.force_login(make_user("board"))
    for fmt in ("html", "xlsx", "pdf"):
        before = AuditEvent.objects.filter(object_type="ReviewPack").count()
        response = _build(client, plan_with_data, fmt)
        assert response.status_code == 200
        assert AuditEvent.objects.filter(object_type="ReviewPack").count() == before + 1, fmt


def test_the_pack_says_what_validation_problems_hold_back(tmp_path, plan_with_data):
    from openpyxl import load_workbook

    issued_first = request(received="2023-06-01", outcome_date="2023-06-10",
                           assessment=plan_issued(date="2023-05-01"))  # SEN2-3005
    import_sen2([write(tmp_path, "more.xml", [person(40, [issued_first])], year="2024",
                       reference_date="2024-01-18")])
    html, xlsx = tmp_path / "pack.html", tmp_path / "pack.xlsx"
    for out in (html, xlsx):
        result = runner.invoke(app, ["pack", "review", "--review", "2023-11-15", "--out",
                                     str(out)])
        assert result.exit_code == 0, result.output
    page = " ".join(html.read_text().split())
    assert "Records held back from these figures" in page
    # the pack is for aggregate audiences: a count of 1 is "fewer than 5"
    assert "fewer than 5 stored request(s) left out (SEN2-3005: AssessmentOutcomeDate" in page
    about = list(load_workbook(xlsx)["About"].iter_rows(min_row=2, values_only=True))
    held = [value for item, value in about if item == "held back from Timeliness of new EHC plans"]
    assert len(held) == 1 and held[0].startswith("fewer than 5 stored request(s) left out")


def test_the_pack_rates_each_area_at_that_review_and_shows_its_history(tmp_path,
                                                                         plan_with_data):
    """sample_plan rates area 6 amber at 15 Nov 2023; add reviews in May and Nov 2024 and
    a red at May 2024 only: the Nov 2024 pack says 'not rated at this review', never the
    May rating carried forward, and lists every review's rating."""
    from openpyxl import load_workbook

    from sendassure.reports.review_pack import build_pack

    plan = plan_with_data
    plan.reviews.create(date=date(2024, 5, 15), label="Second progress review")
    plan.reviews.create(date=date(2024, 11, 15), label="Third progress review")
    area = plan.areas.get()
    RagRating.objects.create(area=area, review_date=date(2024, 5, 15), rating="red",
                             rationale="Backlog grew", set_by_name="analyst-user")
    pack = build_pack(plan, date(2024, 11, 15))
    section = pack.areas[0]
    assert section.rating is None
    assert [(t["review"], t["rating"]) for t in section.trajectory] == [
        ("First progress review", "Amber"), ("Second progress review", "Red"),
        ("Third progress review", "Not rated at this review")]
    assert section.trajectory[1]["by"] == "analyst-user"
    assert "is not rated;" in section.positioning or "is not rated." in section.positioning
    assert pack.glance[0]["rating"] == "Not rated at this review"
    at_may = build_pack(plan, date(2024, 5, 15)).areas[0]
    assert at_may.rating == "red"
    assert [t["rating"] for t in at_may.trajectory] == ["Amber", "Red", "Later review"]

    out = tmp_path / "pack.xlsx"
    result = runner.invoke(app, ["pack", "review", "--review", "2024-11-15", "--out", str(out)])
    assert result.exit_code == 0, result.output
    rows = list(load_workbook(out)["RAG by review"].iter_rows(values_only=True))
    assert [r[1:4:2] for r in rows[1:]] == [("First progress review", "Amber"),
                                             ("Second progress review", "Red"),
                                             ("Third progress review",
                                              "Not rated at this review")]
    html = tmp_path / "pack.html"
    runner.invoke(app, ["pack", "review", "--review", "2024-11-15", "--out", str(html)])
    text = html.read_text()
    assert "Rating at each review" in text and "15 May 2024" in text
    assert "Rating at this review: <span class=\"rag rag-Not\">Not rated at this review" in text


def test_the_forward_plan_lists_what_is_due_by_the_next_review(tmp_path, plan_with_data):
    """sample_plan: milestone 'Recruit caseworkers' due 31 Jan 2024 (open), action 6.1
    due 30 Jun 2024 (on track). Reviews 15 Nov 2023, then 15 May and 15 Nov 2024."""
    from sendassure.reports.review_pack import build_pack

    plan = plan_with_data
    plan.reviews.create(date=date(2024, 5, 15), label="Second progress review")
    plan.reviews.create(date=date(2024, 11, 15), label="Third progress review")
    first = build_pack(plan, date(2023, 11, 15))
    assert first.next_review == date(2024, 5, 15)
    assert [(s["title"], s["overdue"]) for s in first.areas[0].next_steps] == [
        ("Recruit caseworkers", False)]  # the action is due after the next review
    second = build_pack(plan, date(2024, 5, 15)).areas[0].next_steps
    assert [(s["title"], s["overdue"]) for s in second] == [
        ("Recruit caseworkers", True), ("Action complete: Clear the backlog", False)]
    last = build_pack(plan, date(2024, 11, 15))
    assert last.next_review is None and len(last.areas[0].next_steps) == 2
    html = tmp_path / "pack.html"
    runner.invoke(app, ["pack", "review", "--review", "2024-05-15", "--out", str(html)])
    text = html.read_text()
    assert "due by the next review (15 Nov 2024)" in text
    assert "6.1: Recruit caseworkers (due 31 Jan 2024, overdue)" in text


def test_a_pack_builds_for_a_plan_with_no_case_data_yet(tmp_path, db):
    """A plan loaded before any SEN2 return: the pack says there is no data, never fails."""
    from sendassure.reports.output import render_html
    from sendassure.reports.review_pack import build_pack

    plan = sample_plan()
    area = plan.areas.get()
    area.ratings.update(rationale="Backlog falling slowly.")  # its own full stop
    page = render_html(build_pack(plan, date(2023, 11, 15)))
    assert "Area 6: Inconsistent EHC process" in page
    # one date style and one full stop: '30 Jun 2024', 'slowly. Suggested', never '..'
    assert "<td>30 Jun 2024</td>" in page and "2024-06-30" not in page
    assert "Backlog falling slowly. Suggested by the rules" in page
    out = tmp_path / "pack.pdf"
    result = runner.invoke(app, ["pack", "review", "--review", "2023-11-15", "--out", str(out)])
    assert result.exit_code == 0, result.output
