"""axe in Chromium on every dashboard page with data (tiles, side navigation, DfE names
in details, charts with counts), at 320 and 1280 px, for an analyst and a board member;
nothing falls off a phone screen."""

from __future__ import annotations

import pytest

from ..conftest import PASSWORD
from ..web.test_dashboard_headlines import england, two_years  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db(transaction=True)
PAGES = ("timeliness", "decisions", "backlog", "reviews", "caseload")


@pytest.mark.parametrize("role", ["analyst", "board"])
def test_dashboard_pages_pass_axe_at_320_and_1280(visit, make_user, two_years,  # noqa: F811
                                                  england, role):  # noqa: F811
    make_user(role)
    visit.sign_in(f"{role}-user", PASSWORD)
    problems = {}
    for width in (320, 1280):
        visit.page.set_viewport_size({"width": width, "height": 900})
        for page in PAGES:
            visit.goto(f"/dashboard/{page}/?year=2024")
            assert visit.page.locator(".app-tile").count() == 3
            if violations := visit.axe_violations():
                problems[(width, page)] = violations
            overflow = visit.page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 0, (width, page, overflow)
    assert problems == {}
    assert visit.console_errors == []  # no CSP violation from the dashboard stylesheet
