"""Review packs built as background jobs: the job builds what the synchronous build
does, reports its progress by area, records a failure; the web queues it (never builds
in the request) and shows each state; only the user's areas' jobs are reachable."""

from __future__ import annotations

from datetime import date, timedelta
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from sendassure.core.models import AuditEvent
from sendassure.jobs import runner
from sendassure.jobs.models import PackJob
from sendassure.reports.output import render_html, write_pdf, write_xlsx
from sendassure.reports.review_pack import build_pack

from ..reports.test_review_pack import plan_with_data  # noqa: F401 - a fixture

pytestmark = pytest.mark.django_db
REVIEW = date(2023, 11, 15)


@pytest.fixture(autouse=True)
def pack_dir(settings, tmp_path):
    settings.PACK_JOBS_ROOT = str(tmp_path / "packs")
    return tmp_path / "packs"


@pytest.fixture
def started(monkeypatch):
    """Jobs the web asked to start (the process is not spawned in these tests)."""
    calls = []
    monkeypatch.setattr("sendassure.web.views.pack_jobs._start", calls.append)
    return calls


def queue(plan, formats="pdf,html,xlsx", **fields) -> PackJob:
    return PackJob.objects.create(la=plan.la, plan=plan, review_date=REVIEW,
                                  formats=formats, **fields)


def _sheets(data) -> dict:
    book = load_workbook(BytesIO(data))
    return {ws.title: [[c.value for c in row] for row in ws.iter_rows()] for ws in book}


def _pdf_text(data) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(data)).pages)


def test_a_job_writes_the_same_pack_as_the_synchronous_build(plan_with_data):  # noqa: F811
    job = runner.run_job(queue(plan_with_data).pk)
    assert job.status == "done", job.error
    assert job.started_at <= job.finished_at and job.steps_done == job.steps_total > 0
    pack = build_pack(plan_with_data, REVIEW)
    assert job.path("html").read_text() == render_html(pack)
    xlsx, pdf = BytesIO(), BytesIO()
    write_xlsx(pack, xlsx)
    write_pdf(pack, pdf)
    assert _sheets(job.path("xlsx").read_bytes()) == _sheets(xlsx.getvalue())
    assert _pdf_text(job.path("pdf").read_bytes()) == _pdf_text(pdf.getvalue())
    assert not [p for p in job.path("pdf").parent.iterdir() if ".part" in p.name]


def test_the_build_reports_each_step_by_area_then_by_format(plan_with_data, tmp_path):  # noqa: F811
    seen = []
    runner.build_files(plan_with_data, REVIEW, ["html", "xlsx"], tmp_path / "out", "pack",
                       lambda done, total, label: seen.append((done, total, label)))
    area = plan_with_data.areas.get()
    assert seen == [(0, 4, "Working out the figures"), (1, 4, f"Area {area.number}: {area.title}"),
                    (2, 4, "Writing the web page"), (3, 4, "Writing the spreadsheet"),
                    (4, 4, "Done")]


def test_a_failing_build_records_its_error_and_offers_a_retry(plan_with_data, monkeypatch,  # noqa: F811
                                                              client, make_user, started):
    def broken(*args, **kwargs):
        raise RuntimeError("the figures could not be read")

    monkeypatch.setattr("sendassure.reports.review_pack.build_pack", broken)
    job = runner.run_job(queue(plan_with_data, formats="pdf,xlsx").pk)
    assert job.status == "failed" and job.finished_at is not None
    assert job.error == "RuntimeError: the figures could not be read"
    assert job.path("pdf") is None
    client.force_login(make_user("board"))
    page = client.get(reverse("pack-job", args=[plan_with_data.pk, job.pk])).content.decode()
    assert "The pack could not be built" in page and "the figures could not be read" in page
    assert 'name="review" value="2023-11-15"' in page and 'value="pdf"' in page
    response = client.post(reverse("plan-pack", args=[plan_with_data.pk]),
                           {"review": "2023-11-15", "format": ["pdf", "xlsx"]})
    again = PackJob.objects.exclude(pk=job.pk).get()
    assert response["Location"] == reverse("pack-job", args=[plan_with_data.pk, again.pk])
    assert again.formats == "pdf,xlsx" and again.status == "queued"


def test_a_job_runs_once(plan_with_data):  # noqa: F811
    job = queue(plan_with_data, formats="html", status="running")
    assert runner.run_job(job.pk).status == "running"  # another process has it


def test_building_from_the_web_queues_a_job_and_starts_it_after_commit(
        plan_with_data, client, make_user, started, django_capture_on_commit_callbacks):  # noqa: F811
    client.force_login(make_user("board"))
    overview = client.get(reverse("plan-overview", args=[plan_with_data.pk])).content.decode()
    assert 'method="post" action="' + reverse("plan-pack", args=[plan_with_data.pk]) in overview
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("plan-pack", args=[plan_with_data.pk]),
                               {"review": "2023-11-15", "format": ["html", "pdf"]})
    job = PackJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("pack-job", args=[plan_with_data.pk, job.pk])
    assert started == [job]  # handed to the background, not built in the request
    assert (job.status, job.formats, job.la, job.review_date) == ("queued", "pdf,html", "886",
                                                                  REVIEW)
    assert job.requested_by.username == "board-user"
    assert AuditEvent.objects.filter(action="create", object_type="PackJob").exists()


def test_building_with_no_format_is_refused_inline(plan_with_data, client, make_user, started):  # noqa: F811
    client.force_login(make_user("board"))
    response = client.post(reverse("plan-pack", args=[plan_with_data.pk]),
                           {"review": "2023-11-15"})
    page = response.content.decode()
    assert response.status_code == 400 and "Choose at least one format" in page
    assert 'href="#format"' in page and "govuk-error-message" in page
    assert not PackJob.objects.exists() and started == []


def test_the_progress_page_follows_each_state(plan_with_data, client, make_user):  # noqa: F811
    client.force_login(make_user("board"))
    job = queue(plan_with_data)
    url = reverse("pack-job", args=[plan_with_data.pk, job.pk])

    def page():
        return " ".join(client.get(url).content.decode().split())

    queued = page()
    assert "Waiting to start" in queued and 'data-app-pack-job="running"' in queued
    assert "pack-job.mjs" in queued and f'href="{url}">Refresh this page' in queued
    assert 'http-equiv="refresh"' not in queued  # axe: no timed refresh
    PackJob.objects.filter(pk=job.pk).update(status="running", steps_done=2, steps_total=6,
                                             step_label="Area 6: Inconsistent EHC process")
    running = page()
    assert "Step 3 of 6: Area 6: Inconsistent EHC process." in running
    assert 'value="33"' in running and "Progress: 33%" in running
    PackJob.objects.filter(pk=job.pk).update(created_at=timezone.now() - timedelta(hours=1))
    stopped = page()
    assert "The build stopped before it finished" in stopped and "Try again" in stopped
    assert 'data-app-pack-job="finished"' in stopped
    done = runner.run_job(queue(plan_with_data).pk)
    ready = " ".join(client.get(reverse("pack-job", args=[plan_with_data.pk, done.pk]))
                     .content.decode().split())
    assert "Your review pack is ready" in ready and 'data-app-status="done"' in ready
    for fmt in ("pdf", "html", "xlsx"):
        assert reverse("pack-job-file", args=[plan_with_data.pk, done.pk, fmt]) in ready
    listing = client.get(reverse("plan-pack", args=[plan_with_data.pk])).content.decode()
    assert "Ready" in listing and "Stopped" in listing


def test_the_files_download_audited_with_the_pack_permission(plan_with_data, client,  # noqa: F811
                                                             make_user):
    job = runner.run_job(queue(plan_with_data).pk)
    client.force_login(make_user("board"))
    for fmt, start in (("pdf", b"%PDF"), ("xlsx", b"PK"), ("html", b"<!")):
        before = AuditEvent.objects.filter(object_type="ReviewPack").count()
        response = client.get(reverse("pack-job-file", args=[plan_with_data.pk, job.pk, fmt]))
        assert response.status_code == 200
        assert b"".join(response.streaming_content if response.streaming else
                        [response.content]).lstrip().startswith(start), fmt
        assert AuditEvent.objects.filter(object_type="ReviewPack").count() == before + 1
    assert client.get(reverse("pack-job-file", args=[plan_with_data.pk, job.pk, "csv"])
                      ).status_code == 404


def test_jobs_are_reachable_only_through_the_users_areas(plan_with_data, client, make_user):  # noqa: F811
    from sendassure.plan.models import Plan

    job = runner.run_job(queue(plan_with_data, formats="html").pk)
    other_plan = Plan.objects.create(la="887", title="Medway plan", plan_type="app",
                                     start_date=date(2023, 6, 1))
    other_plan.reviews.create(date=REVIEW)
    theirs = queue(other_plan, formats="html")
    client.force_login(make_user("board", "medway-board", areas=("887",)))
    for name, args in (("pack-job", [plan_with_data.pk, job.pk]),
                       ("pack-job-file", [plan_with_data.pk, job.pk, "html"]),
                       ("pack-job", [other_plan.pk, job.pk])):  # a job under another plan
        assert client.get(reverse(name, args=args)).status_code == 404, name
    listing = client.get(reverse("plan-pack", args=[other_plan.pk])).content.decode()
    assert reverse("pack-job", args=[other_plan.pk, theirs.pk]) in listing
    assert reverse("pack-job", args=[plan_with_data.pk, job.pk]) not in listing
    assert client.get(reverse("pack-job", args=[other_plan.pk, theirs.pk])).status_code == 200


def test_a_finished_build_removes_the_files_of_all_but_the_three_newest_builds(
        plan_with_data, pack_dir):  # noqa: F811
    """Files are not kept for ever: when a build of a plan's review finishes, the files
    of that plan and review's older builds beyond the three newest go (rows stay);
    another review's builds are left alone."""
    now = timezone.now()

    def finished(age_days: int, review=REVIEW, status="done") -> PackJob:
        job = queue(plan_with_data, formats="html", status=status)
        PackJob.objects.filter(pk=job.pk).update(created_at=now - timedelta(days=age_days))
        folder = pack_dir / str(job.pk)
        folder.mkdir(parents=True)
        (folder / job.filename("html")).write_text("<p>old</p>")
        (pack_dir / f"job-{job.pk}.log").write_text("log")
        PackJob.objects.filter(pk=job.pk).update(output_dir=str(folder), review_date=review)
        return job

    oldest, old, failed, newer = finished(40), finished(30), finished(20, status="failed"), \
        finished(10)
    other_review = finished(50, review=date(2024, 5, 15))
    job = runner.run_job(queue(plan_with_data, formats="html").pk)
    assert job.status == "done", job.error
    # the newest three of this review: the new build, 10 and 20 days old (failed counts)
    for kept in (job, newer, failed, other_review):
        kept.refresh_from_db()
        assert (pack_dir / str(kept.pk)).is_dir(), kept.pk
    for gone in (old, oldest):
        gone.refresh_from_db()
        assert not (pack_dir / str(gone.pk)).exists()
        assert not (pack_dir / f"job-{gone.pk}.log").exists()
        assert gone.output_dir == "" and gone.path("html") is None and gone.status == "done"
    assert newer.path("html") is not None
