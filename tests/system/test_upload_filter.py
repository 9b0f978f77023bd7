"""The evidence upload form's long lists filter as you type (evidence requests, actions),
in Chromium, with axe clean; without JavaScript every choice is still there."""

from __future__ import annotations

import pytest

from ..conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def requests_to_answer(db):
    from sendassure.plan.models import AreaOfWeakness, EvidenceRequest, Plan

    plan = Plan.objects.create(la="886", title="Kent WSoA", plan_type="wsoa",
                               start_date="2023-01-01")
    area = AreaOfWeakness.objects.create(plan=plan, number=6, title="Timeliness")
    topics = ["EP recruitment", "Timeliness trend", "Backlog beyond 52 weeks",
              "Annual reviews", "Parents' confidence survey", "Plan quality audits",
              "Tribunal appeals", "Health advice within 6 weeks"]
    return [EvidenceRequest.objects.create(plan=plan, area=area, text=t) for t in topics]


def test_typing_filters_the_requests_and_keeps_ticked_ones(visit, make_user,
                                                           requests_to_answer):
    make_user("analyst")
    visit.sign_in("analyst-user", PASSWORD)
    visit.goto("/evidence/upload/")
    page = visit.page
    page.check("text=Kent WSoA (886), area 6: Timeliness trend")
    box = page.get_by_label("Filter: evidence requests this answers")
    box.fill("backlog 52")
    visible = page.locator('[data-app-filter="requests"] .govuk-checkboxes__item:visible')
    assert sorted(visible.all_inner_texts()) == [
        "Kent WSoA (886), area 6: Backlog beyond 52 weeks\nNo review date given; open",
        "Kent WSoA (886), area 6: Timeliness trend\nNo review date given; open"]
    assert page.locator("#filter-requests-status").inner_text() == "2 of 8 shown"
    box.press("Enter")  # must not submit the upload form
    assert page.url.endswith("/evidence/upload/") and "There is a problem" not in page.content()
    assert visit.axe_violations() == []
    box.fill("")
    assert visible.count() == 8
    assert visit.console_errors == []


def test_without_javascript_every_request_is_offered(visit_without_js, make_user,
                                                     requests_to_answer):
    make_user("analyst")
    visit_without_js.sign_in("analyst-user", PASSWORD)
    visit_without_js.goto("/evidence/upload/")
    page = visit_without_js.page
    assert page.locator('[data-app-filter="requests"] .govuk-checkboxes__item').count() == 8
    assert page.locator("#filter-requests").count() == 0
