"""The narrative of an area at a review: analysts and administrators write and edit it
(starting from the draft the figures give), each save audited; other roles cannot, and
nobody reaches another area's plan."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from sendassure.core.models import AuditEvent
from sendassure.plan.models import AreaNarrative

from ..core.test_url_roles import sample_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(db):
    plan = sample_plan()  # LA 886, area 6, first review 15 Nov 2023
    plan.reviews.create(date=date(2024, 5, 15), label="Second progress review")
    return plan


def _url(area, review=""):
    return reverse("area-narrative", args=[area.pk]) + (f"?review_date={review}"
                                                        if review else "")


def test_with_none_saved_the_form_starts_from_the_draft_the_pack_would_print(
        client, make_user, plan):
    from sendassure.reports.review_pack import build_pack

    client.force_login(make_user("analyst"))
    area = plan.areas.get()
    html = client.get(_url(area, "2023-11-15")).content.decode()
    draft = build_pack(plan, date(2023, 11, 15)).areas[0].positioning
    assert draft.startswith("At the First progress review, area 6 (Inconsistent EHC process)"
                            " is rated amber")
    assert draft.replace("'", "&#39;") in html
    assert "Not written yet for the review on 15 Nov 2023" in html
    assert 'class="govuk-back-link"' in html and reverse("plan-area", args=[area.pk]) in html
    assert "govuk-character-count" in html and 'data-maxlength="10000"' in html
    # the review is chosen from the plan's review dates
    assert '<option value="2024-05-15"' in html and "Second progress review: 15 May 2024" in html


def test_an_analyst_saves_then_edits_and_each_save_is_audited(client, make_user, plan):
    user = make_user("analyst")
    client.force_login(user)
    area = plan.areas.get()
    response = client.post(_url(area), {"review_date": "2023-11-15",
                                        "text": "  Timeliness is improving.\r\n\r\nMore to do.  "})
    assert response.status_code == 302 and response["Location"] == reverse("plan-area",
                                                                            args=[area.pk])
    saved = AreaNarrative.objects.get()
    assert (saved.area, saved.review_date, saved.text) == (
        area, date(2023, 11, 15), "Timeliness is improving.\n\nMore to do.")
    assert (saved.written_by, saved.written_by_name) == (user, "analyst-user")
    client.post(_url(area), {"review_date": "2023-11-15", "text": "Rewritten."})
    assert AreaNarrative.objects.get().text == "Rewritten."  # one per area and review
    events = list(AuditEvent.objects.filter(object_type="AreaNarrative").order_by("id"))
    assert [(e.action, e.object_id, e.username) for e in events] == [
        ("add", str(saved.pk), "analyst-user"), ("change", str(saved.pk), "analyst-user")]
    assert events[1].summary == "area 6 narrative at 2023-11-15 (10 characters)"
    assert events[1].areas == ",886,"
    # the edit page now shows the saved text, and the area page says it is written
    html = client.get(_url(area, "2023-11-15")).content.decode()
    assert "Rewritten." in html and "Written by the partnership (analyst-user)" in html
    page = client.get(reverse("plan-area", args=[area.pk])).content.decode()
    assert "First progress review, 15 Nov 2023: written by the partnership (analyst-user)" in page
    assert "Second progress review, 15 May 2024: not written yet" in page
    assert _url(area, "2024-05-15") in page  # the link to write it


def test_a_narrative_at_another_review_is_its_own(client, make_user, plan):
    client.force_login(make_user("administrator"))
    area = plan.areas.get()
    client.post(_url(area), {"review_date": "2023-11-15", "text": "November."})
    client.post(_url(area), {"review_date": "2024-05-15", "text": "May."})
    assert sorted(AreaNarrative.objects.values_list("review_date", "text")) == [
        (date(2023, 11, 15), "November."), (date(2024, 5, 15), "May.")]


@pytest.mark.parametrize("data, message, anchor", [
    ({"review_date": "2023-11-15", "text": "   "}, "Enter the narrative", "#text"),
    ({"review_date": "2023-11-15", "text": "x" * 10001},
     "The narrative must be 10,000 characters or fewer", "#text"),
    ({"review_date": "2023-11-16", "text": "Fine."},
     "Choose one of the plan&#39;s review dates", "#review_date"),
])
def test_errors_are_in_the_summary_and_beside_the_field(client, make_user, plan, data,
                                                        message, anchor):
    client.force_login(make_user("analyst"))
    area = plan.areas.get()
    response = client.post(_url(area), data)
    html = response.content.decode()
    assert response.status_code == 400
    assert f'href="{anchor}">{message}' in html  # the error summary links to the field
    assert f'<span class="visually-hidden govuk-visually-hidden">Error:</span> {message}' in html \
        or f"Error:</span> {message}" in html  # and the error is beside it
    assert html.count(message) == 2
    assert "<title>Error: " in html
    assert not AreaNarrative.objects.exists()
    assert not AuditEvent.objects.filter(object_type="AreaNarrative").exists()


@pytest.mark.parametrize("role", ["board", "forum", "reviewer", "casework", "health",
                                  "auditor"])
def test_other_roles_cannot_write_or_see_the_link(client, make_user, plan, role):
    client.force_login(make_user(role))
    area = plan.areas.get()
    assert client.get(_url(area)).status_code == 403
    assert client.post(_url(area), {"review_date": "2023-11-15", "text": "No."}
                       ).status_code == 403
    assert not AreaNarrative.objects.exists()
    page = client.get(reverse("plan-area", args=[area.pk])).content.decode()
    assert reverse("area-narrative", args=[area.pk]) not in page


def test_an_analyst_of_another_area_cannot_reach_the_plan(client, make_user, plan):
    client.force_login(make_user("analyst", areas=("316",)))
    area = plan.areas.get()
    assert client.get(_url(area)).status_code == 404
    assert client.post(_url(area), {"review_date": "2023-11-15", "text": "No."}
                       ).status_code == 404
    assert not AreaNarrative.objects.exists()


def test_a_plan_with_no_review_dates_sends_the_analyst_back(client, make_user, plan):
    plan.reviews.all().delete()
    client.force_login(make_user("analyst"))
    area = plan.areas.get()
    response = client.get(_url(area))
    assert response.status_code == 302
    assert response["Location"] == reverse("plan-area", args=[area.pk])
