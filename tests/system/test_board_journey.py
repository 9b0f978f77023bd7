"""The board member's journey in Chromium at phone (320 px) and desktop (1280 px) widths:
the landing page, the plan and an area of weakness, a review pack built in the background
(its progress page followed by the page's own script), then the PDF downloaded; axe clean
at every step and nothing wider than a phone's screen."""

from __future__ import annotations

import pytest

from ..conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def _fits(visit, width: int) -> None:
    assert visit.page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("width", [320, 1280])
def test_a_board_member_reads_an_area_builds_the_pack_and_downloads_it(visit, make_user,
                                                                      width):
    from ..core.test_url_roles import sample_plan

    plan = sample_plan()
    make_user("board")
    page = visit.page
    page.set_viewport_size({"width": width, "height": 900})
    visit.sign_in("board-user", PASSWORD)

    visit.goto("/")
    assert "What needs attention" in page.content()
    assert visit.axe_violations() == []
    _fits(visit, width)
    with page.expect_navigation():
        page.get_by_role("link", name="Sample plan").click()
    assert page.url.endswith(f"/plan/{plan.pk}/")
    assert visit.axe_violations() == []

    with page.expect_navigation():
        page.get_by_role("link", name="6. Inconsistent EHC process").click()
    content = page.content()
    assert "Inconsistent EHC process" in content and "Clear the backlog" in content
    assert visit.axe_violations() == []
    _fits(visit, width)

    visit.goto(f"/plan/{plan.pk}/review-pack/")
    assert visit.axe_violations() == []
    page.select_option("#review", "2023-11-15")
    for fmt in ("xlsx", "html"):  # the PDF only: the journey downloads it
        page.locator(f"input[name=format][value={fmt}]").uncheck()
    page.locator("input[name=format][value=pdf]").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Build review pack").click()
    assert "/review-pack/jobs/" in page.url
    assert visit.axe_violations() == []  # while it builds (or already built)
    # the page follows the build by itself (pack-job.mjs), no reload by the test
    page.get_by_role("heading", name="Your review pack is ready").wait_for(timeout=120_000)
    assert visit.axe_violations() == []
    _fits(visit, width)
    link = page.locator("a[href$='/pdf/']")
    assert link.count() == 1
    with page.expect_download() as info:
        link.click()
    download = info.value
    with open(download.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    assert download.suggested_filename.endswith(".pdf")
    assert visit.console_errors == []
