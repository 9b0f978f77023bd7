"""The plan screens: heat map, area page, editing an action, requests, exceptions."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from sendassure.core.models import AuditEvent
from sendassure.plan.models import Action, RagRating

from ..core.test_url_roles import sample_plan
from ..support.dates import date_fields, error_on

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(db):
    return sample_plan()


def test_the_overview_is_a_heat_map_of_areas_by_review(client, make_user, plan):
    client.force_login(make_user("board"))
    html = client.get(reverse("plan-overview", args=[plan.pk])).content.decode()
    assert "First progress review" in html and "15 Nov 2023" in html
    assert "6. Inconsistent EHC process" in html
    assert "govuk-tag--orange" in html and "Amber" in html
    assert "1 evidence request still open" in html


def test_the_area_page_shows_actions_measures_and_requests(client, make_user, plan):
    client.force_login(make_user("analyst"))
    area = plan.areas.get()
    html = client.get(reverse("plan-area", args=[area.pk])).content.decode()
    assert "6.1 Clear the backlog" in html
    assert "Overdue" in html  # the milestone was due 31 January 2024
    assert "% issued within 20 weeks" in html and "80.0" in html
    assert "EHCP timeliness beyond 30 and 52 weeks" in html
    assert reverse("action-edit", args=[area.actions.get().pk]) in html


def test_aggregate_roles_do_not_get_the_edit_link(client, make_user, plan):
    client.force_login(make_user("forum"))
    area = plan.areas.get()
    html = client.get(reverse("plan-area", args=[area.pk])).content.decode()
    assert reverse("action-edit", args=[area.actions.get().pk]) not in html


def test_an_analyst_edits_an_action_and_it_is_audited(client, make_user, plan):
    client.force_login(make_user("analyst"))
    action = Action.objects.get()
    url = reverse("action-edit", args=[action.pk])
    response = client.post(url, {"status": "delayed", "progress": "Waiting for recruits",
                                 **date_fields("due_date", "2024-09-30"),
                                 "action_lead": "Head of SEND"})
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.status, str(action.due_date)) == ("delayed", "2024-09-30")
    event = AuditEvent.objects.get(action="change")
    assert event.object_type == "Action" and "status" in event.summary


def test_a_bad_edit_gets_govuk_errors_and_changes_nothing(client, make_user, plan):
    client.force_login(make_user("analyst"))
    action = Action.objects.get()
    response = client.post(reverse("action-edit", args=[action.pk]),
                           {"status": "sleeping", "due_date-day": "31", "due_date-month": "2",
                            "due_date-year": "2024"})
    html = response.content.decode()
    assert response.status_code == 400 and "There is a problem" in html
    assert "Choose a status" in html
    # the date's error is on the field, linked from the summary, with what was typed kept
    assert error_on(html, "due_date", "The due date must be a real date, like 27 3 2024")
    assert 'name="due_date-day" type="text" value="31"' in html
    action.refresh_from_db()
    assert action.status == "on_track"


def test_an_action_edit_shows_its_due_date_and_blank_clears_it(client, make_user, plan):
    client.force_login(make_user("analyst"))
    action = Action.objects.get()
    action.due_date = date(2024, 6, 30)
    action.save()
    url = reverse("action-edit", args=[action.pk])
    html = client.get(url).content.decode()
    assert 'name="due_date-month" type="text" value="6"' in html
    assert "For example, 27 3 2024" in html and "YYYY-MM-DD" not in html
    assert f'href="{reverse("plan-area", args=[action.area_id])}"' in html  # the back link
    client.post(url, {"status": "on_track", "due_date-day": "", "due_date-month": "",
                      "due_date-year": ""})
    action.refresh_from_db()
    assert action.due_date is None


def test_requests_page_lists_unanswered_requests(client, make_user, plan):
    client.force_login(make_user("reviewer"))
    html = client.get(reverse("plan-requests", args=[plan.pk])).content.decode()
    assert "EHCP timeliness beyond 30 and 52 weeks" in html and "nothing yet" in html
    request = plan.evidence_requests.get()
    request.status = "answered"
    request.save()
    html = client.get(reverse("plan-requests", args=[plan.pk])).content.decode()
    assert "EHCP timeliness beyond 30" not in html
    html = client.get(reverse("plan-requests", args=[plan.pk]), {"show": "all"}).content.decode()
    assert "EHCP timeliness beyond 30" in html


def test_reds_without_exception_reports_are_listed(client, make_user, plan):
    action = Action.objects.get()
    RagRating.objects.create(action=action, review_date=date(2023, 11, 15), rating="red",
                             rationale="Not started")
    client.force_login(make_user("board"))
    html = client.get(reverse("plan-exceptions", args=[plan.pk])).content.decode()
    assert "Reds without an exception report" in html and "Action 6.1" in html


def test_plans_of_other_areas_are_not_found(client, make_user, plan):
    client.force_login(make_user("analyst", username="elsewhere", areas=("201",)))
    assert client.get(reverse("plan-overview", args=[plan.pk])).status_code == 404
    assert client.get(reverse("plan-area", args=[plan.areas.get().pk])).status_code == 404


def test_rating_an_action_keeps_history_and_needs_a_rationale_to_differ(client, make_user,
                                                                        plan):
    client.force_login(make_user("analyst"))
    action = Action.objects.get()
    url = reverse("action-rate", args=[action.pk])
    page = client.get(url).content.decode()
    # the milestone due 31 Jan 2024 is not done: at the 15 Nov 2023 review it is not yet
    # due, so the suggestion there has no milestone concern
    assert "The rules suggest" in page
    from sendassure.web.presenters.plan_forms import suggestion_for

    suggested = suggestion_for(action, date(2023, 11, 15)).rating
    other = next(r for r in ("red", "amber", "green") if r != suggested)
    refused = client.post(url, {"review_date": "2023-11-15", "rating": other, "rationale": ""})
    assert refused.status_code == 400 and "Give a rationale" in refused.content.decode()
    assert not RagRating.objects.filter(action=action).exists()
    client.post(url, {"review_date": "2023-11-15", "rating": suggested})
    client.post(url, {"review_date": "2023-11-15", "rating": other, "rationale": "Board view"})
    history = list(RagRating.objects.filter(action=action).values_list("rating", "suggested",
                                                                       "set_by_name"))
    assert history == [(suggested, suggested, "analyst-user"),
                       (other, suggested, "analyst-user")]
    assert AuditEvent.objects.filter(action="change", object_type="RagRating").count() == 2


def test_an_exception_report_is_written_for_a_red(client, make_user, plan):
    action = Action.objects.get()
    RagRating.objects.create(action=action, review_date=date(2023, 11, 15), rating="red")
    client.force_login(make_user("analyst"))
    url = reverse("action-exception", args=[action.pk])
    bad = client.post(url, {"review_date": "2023-11-15", "commentary": ""})
    assert bad.status_code == 400 and "Enter the commentary" in bad.content.decode()
    assert 'id="commentary-error"' in bad.content.decode()  # shown on the field too
    # the review is one of the plan's reviews (or a red rating's), chosen from a list
    page = client.get(url, {"review_date": "2023-11-15"}).content.decode()
    assert '<option value="2023-11-15" selected>15 Nov 2023</option>' in page
    assert "YYYY-MM-DD" not in page and "Back to the exception reports" in page
    wrong = client.post(url, {"review_date": "2023-11-16", "commentary": "x",
                              "recovery_action": "y", "owner": "z"})
    assert wrong.status_code == 400 and 'id="review_date-error"' in wrong.content.decode()
    client.post(url, {"review_date": "2023-11-15", "commentary": "Staff left",
                      "recovery_action": "Recruit", "owner": "Head of SEND"})
    html = client.get(reverse("plan-exceptions", args=[plan.pk])).content.decode()
    assert "Staff left" in html and "Reds without an exception report" not in html


def test_exception_reports_show_the_trend_of_the_measures(client, make_user, plan, tmp_path):
    from sendassure.ingest.importer import import_sen2
    from sendassure.plan.models import ExceptionReport

    from ..casework.sen2_builder import person, plan_issued, request, write

    people = [person(n, [request(received="2023-01-05", outcome_date="2023-02-01",
                                 assessment=plan_issued(date=f"2023-{m:02}-15",
                                                        start=f"2023-{m:02}-15"))])
              for n, m in enumerate(range(3, 11), start=1) for _ in range(1)]
    import_sen2([write(tmp_path, "a.xml", people, year="2024", reference_date="2024-01-18")])
    ExceptionReport.objects.create(action=Action.objects.get(), review_date=date(2023, 11, 15),
                                   commentary="Staff left", recovery_action="Recruit",
                                   owner="Head of SEND")
    client.force_login(make_user("analyst"))
    html = client.get(reverse("plan-exceptions", args=[plan.pk])).content.decode()
    assert "<figure" in html and "% issued within 20 weeks" in html


def test_an_evidence_request_is_answered_with_files(client, make_user, plan, settings,
                                                    tmp_path):
    from ..core.test_url_roles import sample_evidence

    settings.EVIDENCE_ROOT = str(tmp_path / "evidence")
    evidence = sample_evidence(plan.areas.get())
    row = plan.evidence_requests.get()
    client.force_login(make_user("analyst"))
    response = client.post(reverse("request-update", args=[row.pk]),
                           {"status": "answered", "response": "See the chart",
                            "files": [str(evidence.pk)]})
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.status == "answered" and list(row.files.all()) == [evidence]
    assert client.post(reverse("request-update", args=[row.pk]),
                       {"status": "lost"}).status_code == 400


def test_every_plan_form_names_its_area_and_subject(client, make_user, plan):
    client.force_login(make_user("analyst"))
    action = Action.objects.get()
    for name in ("action-edit", "action-rate", "action-exception"):
        html = client.get(reverse(name, args=[action.pk])).content.decode()
        assert "Area 6: Inconsistent EHC process" in html and "Clear the backlog" in html, name
    html = client.get(reverse("request-update", args=[plan.evidence_requests.get().pk]))
    assert "EHCP timeliness beyond 30 and 52 weeks" in html.content.decode()


def test_a_rating_is_only_ever_for_one_of_the_plans_review_dates(client, make_user, plan):
    client.force_login(make_user("analyst"))
    url = reverse("action-rate", args=[Action.objects.get().pk])
    page = client.get(url, {"review_date": "9999-12-31"})  # not a review: the plan's own
    assert page.status_code == 200 and "at the review on 15 Nov 2023" in page.content.decode()
    plan.reviews.all().delete()
    refused = client.get(url)
    assert refused.status_code == 302  # back to the area, asked to add a review date first


@pytest.mark.parametrize("status", ["answered", "closed"])
def test_a_request_cannot_be_answered_with_nothing_to_show(client, make_user, plan, status):
    row = plan.evidence_requests.get()
    client.force_login(make_user("analyst"))
    response = client.post(reverse("request-update", args=[row.pk]),
                           {"status": status, "response": "   ", "owner": "Head of SEND"})
    html = response.content.decode()
    assert response.status_code == 400
    assert f"To mark the request {status}, enter a response or select an evidence file" in html
    assert 'class="govuk-error-message"' in html  # beside the field, not only in the summary
    row.refresh_from_db()
    assert (row.status, row.owner) == ("open", "")
    assert client.post(reverse("request-update", args=[row.pk]),
                       {"status": status, "response": "Chart of waits, p4"}).status_code == 302
    row.refresh_from_db()
    assert (row.status, row.response) == (status, "Chart of waits, p4")


def test_an_open_request_can_still_be_worked_on_without_an_answer(client, make_user, plan):
    row = plan.evidence_requests.get()
    client.force_login(make_user("analyst"))
    assert client.post(reverse("request-update", args=[row.pk]),
                       {"status": "in_progress", "owner": "Data team"}).status_code == 302
    row.refresh_from_db()
    assert (row.status, row.owner) == ("in_progress", "Data team")


def test_a_request_past_its_review_is_marked_overdue(client, make_user, plan):
    from sendassure.plan.models import EvidenceRequest

    area = plan.areas.get()
    EvidenceRequest.objects.create(plan=plan, area=area, text="Parents' confidence survey",
                                   due_review=date(2999, 5, 15))
    client.force_login(make_user("reviewer"))
    html = client.get(reverse("plan-requests", args=[plan.pk])).content.decode()
    # the sample's first request was due at the review of 15 May 2024, long past; the
    # second is due at a review far ahead
    assert "2 requests, 1 overdue" in html
    assert html.count("govuk-tag--red") == 1
    due_2024 = html.index("15 May 2024")
    assert html.index("Overdue") > due_2024 and html.index("Overdue") < html.index("15 May 2999")
    answered = plan.evidence_requests.get(due_review=date(2024, 5, 15))
    answered.status, answered.response = "answered", "See the chart"
    answered.save()
    html = client.get(reverse("plan-requests", args=[plan.pk]), {"show": "all"}).content.decode()
    assert "2 requests" in html and "overdue" not in html.lower()


def test_an_area_is_rated_at_a_review_with_the_rules_reasons_shown(client, make_user, plan):
    """Area 6's action has a milestone due 31 Jan 2024 still open: at the review of
    15 May 2024 it is 105 days overdue (more than 30), so the rules suggest red for the
    action and so for the area; rating it amber needs a rationale."""
    plan.reviews.create(date=date(2024, 5, 15), label="Second progress review")
    area = plan.areas.get()
    client.force_login(make_user("analyst"))
    url = reverse("area-rate", args=[area.pk])
    page = client.get(url, {"review_date": "2024-05-15"}).content.decode()
    assert "The rules suggest <strong>Red</strong> at the review on 15 May 2024" in page
    assert "action 6.1: milestone &#39;Recruit caseworkers&#39; due 2024-01-31 is 105 days " \
           "overdue" in page
    refused = client.post(url, {"review_date": "2024-05-15", "rating": "amber"})
    assert refused.status_code == 400 and "govuk-error-message" in refused.content.decode()
    assert client.post(url, {"review_date": "2024-05-15", "rating": "amber",
                             "rationale": "Recruits start in June"}).status_code == 302
    rating = RagRating.objects.get(area=area, review_date=date(2024, 5, 15))
    assert (rating.rating, rating.suggested, rating.set_by_name) == (
        "amber", "red", "analyst-user")
    assert AuditEvent.objects.filter(action="change", object_type="RagRating").exists()
    heat = client.get(reverse("plan-overview", args=[plan.pk])).content.decode()
    assert heat.count("govuk-tag--orange") == 2  # amber at both reviews now
    client.force_login(make_user("board"))
    assert client.get(url).status_code == 403
