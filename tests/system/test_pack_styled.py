"""The HTML review pack, opened from the app in Chromium, is styled: its one inline
stylesheet is allowed by its hash under the Content-Security-Policy, and nothing else
inline is (no CSP violation in the console)."""

from __future__ import annotations

import pytest

from ..conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_html_pack_is_styled_under_the_csp(visit, make_user):
    from datetime import date

    from sendassure.jobs.models import PackJob
    from sendassure.jobs.runner import run_job

    from ..core.test_url_roles import sample_plan

    plan = sample_plan()
    job = run_job(PackJob.objects.create(la=plan.la, plan=plan, review_date=date(2023, 11, 15),
                                         formats="html").pk)  # as the background job does
    make_user("board")
    visit.sign_in("board-user", PASSWORD)
    response = visit.goto(f"/plan/{plan.pk}/review-pack/jobs/{job.pk}/html/")
    assert "'sha256-" in response.headers["content-security-policy"]
    page = visit.page
    # the pack's stylesheet sets the body in 10.5pt (14px) Liberation Sans
    assert page.evaluate("getComputedStyle(document.body).fontSize") == "14px"
    assert "Liberation Sans" in page.evaluate("getComputedStyle(document.body).fontFamily")
    assert not [e for e in visit.console_errors if "Content Security Policy" in e]
