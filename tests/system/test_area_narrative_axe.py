"""axe in Chromium on the narrative page, as an analyst writes: the draft, the character
count, an error beside the field (empty text), then the saved narrative on the area page;
at 320 and 1280 px."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sendassure.plan.models import AreaNarrative

from ..conftest import PASSWORD
from ..core.test_url_roles import sample_plan

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("width", [320, 1280])
def test_an_analyst_writes_the_narrative_and_axe_finds_nothing(visit, make_user, width):
    plan = sample_plan()
    area = plan.areas.get()
    make_user("analyst")
    visit.page.set_viewport_size({"width": width, "height": 900})
    visit.sign_in("analyst-user", PASSWORD)
    problems = {}
    visit.goto(reverse("plan-area", args=[area.pk]))
    visit.page.get_by_role("link", name="Write the narrative for the review on "
                                        "15 Nov 2023").click()
    assert "At the First progress review, area 6" in visit.page.input_value("#text")
    problems["draft"] = visit.axe_violations()
    visit.page.fill("#text", "")
    visit.page.get_by_role("button", name="Save narrative").click()
    assert visit.page.locator(".govuk-error-summary").is_visible()
    assert visit.page.locator("#text-error").inner_text().endswith("Enter the narrative")
    problems["error"] = visit.axe_violations()
    visit.page.fill("#text", "Timeliness is improving.")
    visit.page.get_by_role("button", name="Save narrative").click()
    assert "written by the partnership (analyst-user)" in visit.page.content()
    problems["area"] = visit.axe_violations()
    assert AreaNarrative.objects.get().text == "Timeliness is improving."
    assert {k: v for k, v in problems.items() if v} == {}
