"""The dashboard's fact table: filled in the import's transaction, read by page views."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sendassure.ingest.importer import import_sen2
from sendassure.web.models import DashboardFact

from ..casework.sen2_builder import person, plan_issued, request, write

pytestmark = pytest.mark.django_db


@pytest.fixture
def facts_on(settings):
    settings.DASHBOARD_FACTS_ON_IMPORT = True


def _area(tmp_path, name="area.xml"):
    people = [person(n, [request(received="2024-01-10", outcome_date="2024-02-01",
                                 assessment=plan_issued(date=issued, start=issued))])
              for n, issued in enumerate(["2024-05-01", "2024-05-10", "2024-05-15",
                                          "2024-08-01", "2024-09-01", "2024-10-01"], start=1)]
    return write(tmp_path, name, people)


def test_an_import_stores_every_page_for_both_audiences(tmp_path, facts_on):
    assert import_sen2([_area(tmp_path)]).status == "stored"
    stored = set(DashboardFact.objects.values_list("page", "aggregate", "year"))
    pages = {"timeliness", "decisions", "backlog", "reviews", "caseload"}
    assert stored == {(p, a, 2024) for p in pages for a in (False, True)}


def test_the_default_page_view_reads_the_fact_without_computing(tmp_path, facts_on, client,
                                                                make_user, monkeypatch):
    import_sen2([_area(tmp_path)])
    client.force_login(make_user("board"))

    def no_computing(*args, **kwargs):
        raise AssertionError("the page computed instead of reading the fact table")

    from sendassure.web.views import dashboard

    monkeypatch.setitem(dashboard.PAGES, "timeliness", ("Timeliness of new EHC plans",
                                                        no_computing))
    html = client.get(reverse("dashboard-timeliness")).content.decode()
    assert "Plans issued in 2024" in html and "disclosure-controlled" in html
    # another year is computed on demand (and here, refused by the stub)
    with pytest.raises(AssertionError):
        client.get(reverse("dashboard-timeliness"), {"year": "2023"})


def test_a_failing_refresh_rolls_the_import_back(tmp_path, facts_on, monkeypatch):
    from sendassure.casework.models import Person
    from sendassure.web.presenters.dashboard import facts

    def broken(la, run):
        raise RuntimeError("chart renderer crashed")

    monkeypatch.setattr(facts, "refresh", broken)
    with pytest.raises(RuntimeError):
        import_sen2([_area(tmp_path)])
    assert Person.objects.count() == 0 and DashboardFact.objects.count() == 0
