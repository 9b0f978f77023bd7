"""Walk every URL pattern as every role (and anonymously) and check the answer.

The expected answers are written out here, independently of the code: if a view's
declared permission changes, or a URL is added without a row below, this test fails.
"""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from sendassure.core.permissions import declared_permission
from sendassure.core.roles import Role

ANON = "anonymous"
EVERYONE = {ANON, *Role.values}
SIGNED_IN = set(Role.values)
CHILD = {"administrator", "analyst", "casework"}
ANALYSE = {"administrator", "analyst"}
AUDIT = {"administrator", "analyst", "auditor"}

# URL name -> who gets the page (everyone else: anonymous is sent to sign in, roles get 403)
EXPECTED: dict[str, set[str]] = {
    "start": SIGNED_IN,
    "public": EVERYONE,
    "accessibility": EVERYONE,
    "privacy": EVERYONE,
    "sign-in": EVERYONE,
    "sign-out": EVERYONE,
    "audit-log": {"administrator"},
    "dashboard-timeliness": SIGNED_IN,
    "dashboard-decisions": SIGNED_IN,
    "dashboard-backlog": SIGNED_IN,
    "dashboard-reviews": SIGNED_IN,
    "dashboard-caseload": SIGNED_IN,
    "outcomes": SIGNED_IN,
    "health-waits": SIGNED_IN,
    "health-autism": SIGNED_IN,  # health role: its areas' ICBs only (403 for another)
    "health-send": SIGNED_IN,  # exact for casework and health (its ICBs); else controlled
    "health-referrals": {"administrator", "analyst", "health"},
    "health-referral-extract": {"administrator", "analyst", "health"},
    "quality": SIGNED_IN,
    "quality-audits": AUDIT,
    "quality-start": AUDIT,
    "quality-audit": ANALYSE,  # auditors: only audits of plans assigned to them (403 here)
    "quality-section": ANALYSE,
    "quality-check": ANALYSE,
    "quality-sample": ANALYSE,
    "quality-moderation": ANALYSE,
    "worklist": CHILD,
    "case": CHILD,
    "complaints": SIGNED_IN,
    "complaint-list": CHILD,
    "complaint": CHILD,
    "surveys": SIGNED_IN,
    "survey-comments": CHILD,
    "enquiries": CHILD,
    "enquiry-new": CHILD,
    "enquiry": CHILD,
    "enquiry-measures": SIGNED_IN,
    "plans": SIGNED_IN,
    "plan-overview": SIGNED_IN,
    "plan-requests": SIGNED_IN,
    "plan-exceptions": SIGNED_IN,
    "plan-area": SIGNED_IN,
    "action-edit": ANALYSE,
    "plan-pack": SIGNED_IN,
    "pack-job": SIGNED_IN,
    "pack-job-file": SIGNED_IN,
    "plan-coproduction": SIGNED_IN,
    "action-rate": ANALYSE,
    "area-rate": ANALYSE,
    "area-narrative": ANALYSE,
    "action-exception": ANALYSE,
    "request-update": ANALYSE,
    "evidence": SIGNED_IN,
    "evidence-upload": ANALYSE,
    "evidence-detail": SIGNED_IN,
    "evidence-replace": ANALYSE,
    "evidence-download": SIGNED_IN,
    "evidence-version-download": SIGNED_IN,
    "evidence-preview": SIGNED_IN,
    "imports": ANALYSE,
    "import-upload": ANALYSE,
    "import-detail": ANALYSE,
    "quarantine": ANALYSE,
    "quarantine-export": ANALYSE,
    "quarantine-detail": ANALYSE,
    "api-measures": SIGNED_IN,
    "api-figures": SIGNED_IN,
    "api-series": SIGNED_IN,
    "api-benchmarks": SIGNED_IN,
    "api-plans": SIGNED_IN,
    "api-schema": EVERYONE,
    "api-docs": EVERYONE,
}
# query strings for URLs that need them, and the JSON API's answer to anonymous callers
QUERIES = {
    "api-figures": {"measure": "plans_issued_den", "area": "886", "year": "2024"},
    "api-series": {"measure": "plans_issued_den", "area": "886", "from": "2024-01-01",
                   "to": "2024-06-30"},
    "api-benchmarks": {"measure": "pc_plans_issued_within_20_weeks", "area": "886"},
}


@pytest.fixture
def url_kwargs(db, tmp_path, settings) -> dict[str, dict]:
    """Sample arguments for URLs that take them: records in the users' area (886)."""
    settings.EVIDENCE_ROOT = str(tmp_path / "evidence")
    return sample_url_kwargs(tmp_path)


def sample_url_kwargs(tmp_path) -> dict[str, dict]:
    """An import with a quarantined request, a plan and an evidence file in LA 886, and
    the arguments of every URL that takes some (also used by the browser tests)."""
    from sendassure.ingest.importer import import_sen2
    from sendassure.ingest.models import ImportRun, QuarantinedRecord

    from ..casework.sen2_builder import person, plan_issued, request, write

    bad = request(received="2024-06-01", outcome_date="2024-06-10",
                  assessment=plan_issued(date="2024-05-01"))  # stored, out of timeliness
    import_sen2([write(tmp_path, "sample.xml", [person(1, [request(), bad]),
                                                person(2, [request(), request()])])])
    plan = sample_plan()
    area = plan.areas.get()
    evidence = sample_evidence(area)
    pack_job = sample_pack_job(plan, tmp_path)
    audit = sample_audit()
    complaint = sample_complaint()
    sample_survey()
    enquiry = sample_enquiry()
    extract = sample_referral_extract(tmp_path)
    from sendassure.casework.models import Request

    return {
        "case": {"pk": Request.objects.order_by("pk").first().pk},
        "complaint": {"pk": complaint.pk},
        "enquiry": {"pk": enquiry.pk},
        "quality-audit": {"pk": audit.pk},
        "quality-section": {"pk": audit.pk, "code": "A"},
        "quality-check": {"pk": audit.pk},
        "evidence-detail": {"pk": evidence.pk},
        "evidence-replace": {"pk": evidence.pk},
        "evidence-download": {"pk": evidence.pk},
        "evidence-preview": {"pk": evidence.pk},
        "evidence-version-download": {"pk": evidence.pk, "number": 1},
        "import-detail": {"pk": ImportRun.objects.get().pk},
        "quarantine-detail": {"pk": QuarantinedRecord.objects.get().pk},
        "plan-overview": {"pk": plan.pk},
        "plan-requests": {"pk": plan.pk},
        "plan-exceptions": {"pk": plan.pk},
        "plan-pack": {"pk": plan.pk},
        "pack-job": {"pk": plan.pk, "job": pack_job.pk},
        "pack-job-file": {"pk": plan.pk, "job": pack_job.pk, "fmt": "html"},
        "plan-coproduction": {"pk": plan.pk},
        "plan-area": {"pk": area.pk},
        "action-edit": {"pk": area.actions.get().pk},
        "action-rate": {"pk": area.actions.get().pk},
        "area-rate": {"pk": area.pk},
        "area-narrative": {"pk": area.pk},
        "action-exception": {"pk": area.actions.get().pk},
        "request-update": {"pk": plan.evidence_requests.get().pk},
        "health-referral-extract": {"pk": extract.pk},
    }


def sample_referral_extract(tmp_path):
    """A referral extract in LA 886 with one row stored and one quarantined (HR06)."""
    from sendassure.health.referral_models import ReferralExtract
    from sendassure.health.referrals.store import load_extract

    header = ("nhs_number,birth_month,sex,service,provider_code,referral_date,priority,"
              "first_contact_date,clock_stop_date,clock_stop_reason,ehc_advice_requested,"
              "ehc_advice_returned\n")
    path = tmp_path / "referrals-RYY.csv"
    path.write_text(header + "9990000018,2016-03,F,salt,RYY,2024-01-10,routine,,,,,\n"
                    "9990000026,2016-04,M,salt,RYY,2024-01-11,soon,,,,,\n")
    load_extract(path, "886")
    return ReferralExtract.objects.get(la="886")


def sample_pack_job(plan, tmp_path):
    """A finished background build of the plan's pack, its web page written."""
    from datetime import date

    from sendassure.jobs.models import PackJob

    job = PackJob.objects.create(la=plan.la, plan=plan, review_date=date(2023, 11, 15),
                                 formats="html", status="done", steps_done=3, steps_total=3,
                                 output_dir=str(tmp_path / "pack-job"))
    (tmp_path / "pack-job").mkdir()
    (tmp_path / "pack-job" / job.filename("html")).write_text(
        "<!doctype html><html lang=en><title>Pack</title><h1>Pack</h1></html>")
    return job


def sample_complaint():
    """A stage 1 complaint in LA 886 with a lesson learned."""
    from datetime import date

    from sendassure.voice.models import Complaint

    complaint = Complaint.objects.create(la="886", reference="CMP-1", stage="1",
                                         received_on=date(2024, 3, 1), themes="delay",
                                         responded_on=date(2024, 3, 8), outcome="upheld",
                                         remedies="apology")
    complaint.lessons.create(text="Reply within the deadline", recorded_by="analyst-user",
                             recorded_on=date(2024, 3, 20))
    return complaint


def sample_enquiry():
    """An urgent enquiry in LA 886 about the first child, escalated once."""
    from datetime import date

    from sendassure.casework.models import Person
    from sendassure.core import versions
    from sendassure.enquiries.models import Enquiry

    enquiry = Enquiry.objects.create(
        la="886", reference="ENQ-1", received_on=date(2024, 3, 1), channel="phone",
        category="out_of_education", urgent=True, reply_by=date(2024, 3, 4),
        update_by=date(2024, 3, 8), summary="Out of school since [name]",
        person=Person.objects.filter(la="886").order_by("id").first())
    enquiry.escalations.create(escalated_on=date(2024, 3, 5), escalated_to="Head of SEN",
                               reason="No school place", recorded_by="casework-user")
    versions.changed(["enquiries"], ["886"])  # stored here without a loader
    return enquiry


def sample_survey():
    """Six parents' answers to one statement and a comment, in LA 886."""
    from datetime import date

    from sendassure.voice.models import SurveyAnswer, SurveyResponse, SurveyStatement

    statement = SurveyStatement.objects.create(text="I feel listened to")
    for n in range(6):
        response = SurveyResponse.objects.create(la="886", respondent_key=f"{n:064d}",
                                                 wave="2024", group="parent_carer",
                                                 completed_on=date(2024, 6, 1))
        SurveyAnswer.objects.create(response=response, statement=statement,
                                    answer="agree" if n < 5 else "disagree")
    response.comments.create(question="What would help?", text="Quicker replies")


def sample_audit():
    """A submitted plan quality audit of the first child in LA 886."""
    from datetime import date

    from sendassure.casework.models import Person
    from sendassure.quality.frameworks import framework_version
    from sendassure.quality.models import Audit

    person = Person.objects.filter(la="886").order_by("id").first()
    audit = Audit.objects.create(la="886", reference="QA-1", person=person,
                                 framework=framework_version(), audit_date=date(2024, 3, 1),
                                 auditor="Sample Auditor", agency="education",
                                 overall_grade="good")
    audit.sections.create(section="A", grade="good")
    return audit


def sample_evidence(area):
    """A one-pixel PNG linked to the area (previewable, so every evidence URL answers)."""
    import io

    from sendassure.plan.evidence import service

    from ..evidence.files import PNG

    return service.add_file(None, la="886", title="Backlog chart", filename="chart.png",
                            content=io.BytesIO(PNG), size=len(PNG), areas=[area])


def sample_plan():
    """A one-area plan for LA 886 with an action, a milestone, a measure, a rating and
    an evidence request."""
    from datetime import date

    from sendassure.plan.models import EvidenceRequest, MeasureLink, Plan, RagRating

    plan = Plan.objects.create(la="886", title="Sample plan", plan_type="app",
                               start_date=date(2023, 6, 1))
    plan.reviews.create(date=date(2023, 11, 15), label="First progress review")
    area = plan.areas.create(number=6, title="Inconsistent EHC process")
    action = area.actions.create(reference="6.1", description="Clear the backlog",
                                 due_date=date(2024, 6, 30), status="on_track")
    action.milestones.create(title="Recruit caseworkers", due_date=date(2024, 1, 31))
    MeasureLink.objects.create(area=area, section="timeliness",
                               kpi="pc_plans_issued_within_20_weeks", target_value=80)
    RagRating.objects.create(area=area, review_date=date(2023, 11, 15), rating="amber",
                             rationale="Backlog falling slowly")
    EvidenceRequest.objects.create(plan=plan, area=area, text="EHCP timeliness beyond 30 "
                                   "and 52 weeks", due_review=date(2024, 5, 15))
    return plan


def _patterns(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from _patterns(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry


def test_every_url_declares_a_permission_and_has_an_expected_answer():
    for route, pattern in _patterns():
        assert declared_permission(pattern.callback), f"URL {route!r} declares no permission"
        assert pattern.name in EXPECTED, f"URL {route!r} ({pattern.name}) has no expected answer"


@pytest.mark.parametrize("who", sorted(EVERYONE))
def test_every_url_as_every_role(who, client, make_user, url_kwargs):
    if who != ANON:
        client.force_login(make_user(who))
    for _route, pattern in _patterns():
        url = reverse(pattern.name, kwargs=url_kwargs.get(pattern.name))
        response = client.get(url, QUERIES.get(pattern.name, {}))
        if who in EXPECTED[pattern.name]:
            assert response.status_code == 200, f"{who} should reach {url}"
        elif who == ANON and pattern.name.startswith("api-"):
            assert response.status_code == 401, f"anonymous should get 401 from {url}"
        elif who == ANON:
            assert response.status_code == 302, f"anonymous should be sent to sign in from {url}"
            assert response["Location"].startswith(reverse("sign-in"))
        else:
            assert response.status_code == 403, f"{who} should be refused {url}"


def test_a_view_without_a_declared_permission_is_refused(rf, make_user):
    from django.core.exceptions import ImproperlyConfigured

    from sendassure.core.middleware import PermissionMiddleware

    def undeclared(request):  # pragma: no cover - never reached
        raise AssertionError

    request = rf.get("/")
    request.user = make_user("administrator")
    with pytest.raises(ImproperlyConfigured):
        PermissionMiddleware(lambda r: None).process_view(request, undeclared, (), {})


def test_every_view_showing_child_data_writes_an_audit_event(client, make_user, url_kwargs):
    from sendassure.core.models import AuditEvent
    from sendassure.core.permissions import PERMISSIONS

    client.force_login(make_user("analyst"))
    child_views = [p for _, p in _patterns() if getattr(p.callback, "shows_child_data", False)]
    assert len(child_views) >= 4
    for pattern in child_views:
        assert "analyst" in PERMISSIONS[declared_permission(pattern.callback)]
        before = AuditEvent.objects.count()
        url = reverse(pattern.name, kwargs=url_kwargs.get(pattern.name))
        assert client.get(url).status_code == 200
        event = AuditEvent.objects.order_by("-id").first()
        assert AuditEvent.objects.count() == before + 1, f"{url} wrote no audit event"
        assert event.username == "analyst-user" and event.action in ("view", "export")


def test_child_level_pages_and_exports_are_never_cached(client, make_user, url_kwargs):
    client.force_login(make_user("analyst"))
    child_views = [p for _, p in _patterns() if getattr(p.callback, "shows_child_data", False)]
    for pattern in child_views:
        url = reverse(pattern.name, kwargs=url_kwargs.get(pattern.name))
        for query in ({}, {"format": "csv"}):
            response = client.get(url, query)
            assert response["Cache-Control"] == "no-store, private", (url, query)
    aggregate = client.get(reverse("dashboard-timeliness"))
    assert "no-store" not in aggregate.get("Cache-Control", "")


def test_child_level_roles_only_ever_see_their_own_areas(client, make_user, url_kwargs):
    elsewhere = make_user("analyst", username="analyst-201", areas=("201",))
    client.force_login(elsewhere)
    for name, kwargs in url_kwargs.items():
        assert client.get(reverse(name, kwargs=kwargs)).status_code == 404
    assert "sample.xml" not in client.get(reverse("imports")).content.decode()
    assert "Nothing is quarantined" in client.get(reverse("quarantine")).content.decode()
