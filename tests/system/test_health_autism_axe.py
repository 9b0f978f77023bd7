"""axe in Chromium on the autism statistics page with the real file loaded (the shell
test visits it empty): the table, the select, the definitions and the error summary."""

from __future__ import annotations

import pytest

from sendassure.autism.store import load_autism_statistics

from ..conftest import PASSWORD
from ..support.shared import DATA

pytestmark = pytest.mark.django_db(transaction=True)


def test_axe_finds_no_violations_on_the_autism_page(visit, make_user):
    load_autism_statistics(DATA / "nhs" / "autism_statistics" / "AutismStatsDec22_subICB.csv.gz")
    make_user("analyst")
    visit.sign_in("analyst-user", PASSWORD)
    problems = {}
    for path in ("/health/autism/", "/health/autism/?org=england",
                 "/health/autism/?org=nonsense"):
        visit.goto(path)
        assert "Waits for autism assessment" in visit.page.content()
        if violations := visit.axe_violations():
            problems[path] = violations
    assert problems == {}
