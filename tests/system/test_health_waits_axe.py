"""axe in Chromium on the health waits page with a sitrep loaded (the shell test visits
it empty): the table, the selects and the error summary."""

from __future__ import annotations

import pytest

from sendassure.health.store import load_sitrep

from ..conftest import PASSWORD
from ..support.shared import DATA

pytestmark = pytest.mark.django_db(transaction=True)


def test_axe_finds_no_violations_on_the_waits_page(visit, make_user):
    load_sitrep(DATA / "nhs" / "community_health_sitrep" / "community_health_2023-08-01.xlsx")
    make_user("analyst")
    visit.sign_in("analyst-user", PASSWORD)
    problems = {}
    for path in ("/health/waits/", "/health/waits/?org=england&services=adults",
                 "/health/waits/?month=1999-01"):
        visit.goto(path)
        assert "Waits for community health services" in visit.page.content()
        if violations := visit.axe_violations():
            problems[path] = violations
    assert problems == {}
