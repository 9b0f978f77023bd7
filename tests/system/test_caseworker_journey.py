"""The caseworker's journey in Chromium at phone (320 px) and desktop (1280 px) widths:
the worklist, filtered to the overdue 6-week decisions, then a case opened; axe clean at
every step, and no column of the worklist beyond the screen's edge on a phone."""

from __future__ import annotations

import pytest

from ..casework.sen2_builder import person, request, write
from ..conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def cases(tmp_path):
    from sendassure.ingest.importer import import_sen2

    undecided = {"outcome": None, "outcome_date": None, "assessment": None}
    people = [person(1, [request(received="2023-11-01", **undecided)]),
              person(2, [request(received="2024-01-01", **undecided)]),
              person(3, [request(received="2023-06-01", outcome_date="2023-07-01",
                                 assessment=None)])]
    import_sen2([write(tmp_path, "a.xml", people, year="2024", reference_date="2024-01-18")])


@pytest.mark.parametrize("width", [320, 1280])
def test_a_caseworker_filters_to_overdue_decisions_and_opens_a_case(visit, make_user, cases,
                                                                   width):
    make_user("casework")
    page = visit.page
    page.set_viewport_size({"width": width, "height": 900})
    visit.sign_in("casework-user", PASSWORD)
    visit.goto("/casework/worklist/")
    assert visit.axe_violations() == []
    page.select_option("#flag", "decision_overdue")
    with page.expect_navigation():
        page.get_by_role("button", name="Apply filters").click()
    assert "1 match the filters" in page.content()
    rows = page.locator("table.app-worklist tbody tr")
    assert rows.count() == 1
    flag = rows.first.get_by_text("6-week decision overdue")
    box = flag.bounding_box()
    assert box is not None and box["x"] + box["width"] <= width  # on the screen
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert visit.axe_violations() == []
    with page.expect_navigation():
        rows.first.get_by_role("link").click()
    assert "36 days overdue" in page.content()
    assert visit.axe_violations() == []
    assert visit.console_errors == []
