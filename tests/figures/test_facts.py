"""The fact table: refreshed in the transaction of every input change, read by default
pages without computing, equal to what it stands for, stale the moment its inputs or its
code change, and rebuilt by `sendassure figures rebuild`."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse
from typer.testing import CliRunner

from sendassure.cli import app
from sendassure.figures import compute, facts, inputs, service, stored
from sendassure.figures.models import Fact, FactsRefresh
from sendassure.figures.registry import FAMILIES
from sendassure.ingest.importer import import_sen2
from sendassure.kpis import periods as P

from ..casework.sen2_builder import active_plan, person, plan_issued, request, write

pytestmark = pytest.mark.django_db
runner = CliRunner()


@pytest.fixture
def area(tmp_path):
    people = [person(n, [request(received="2024-01-10", outcome_date="2024-02-01",
                                 assessment=plan_issued(date=issued, start=issued,
                                                        **({"Week20": "1"} if n == 2 else {})),
                                 active=active_plan())],
                     Sex="F" if n % 2 else "M")
              for n, issued in enumerate(["2024-05-01", "2024-05-10", "2024-05-15",
                                          "2024-08-01", "2024-09-01", "2024-10-01",
                                          "2024-11-01"], start=1)]
    assert import_sen2([write(tmp_path, "a.xml", people)]).status == "stored"


def _forget():
    service.forget()
    inputs.forget()
    from sendassure.web.views import dashboard

    dashboard._PAGES.clear()


def test_an_import_stores_the_facts_in_its_own_transaction(area):
    refresh = FactsRefresh.objects.get(la="886")
    assert refresh.computed_by == stored.COMPUTED_BY
    assert refresh.inputs == service.figures_for(["886"]).version
    assert refresh.as_of.isoformat() == "2025-01-16" and refresh.rows == Fact.objects.count()
    year = Fact.objects.get(la="886", measure="pc_plans_issued_within_20_weeks", period="2024",
                            breakdown="")
    # 10 Jan -> 1, 10, 15 May: within 20 weeks; 3 of 7 = 42.9; a board member sees c
    assert (year.value, year.numerator, year.denominator, year.shown, year.status) == (
        Decimal("42.9"), 3, 7, "c", "final")
    assert Fact.objects.filter(breakdown="sex=Female", period="2024").exists()


def test_every_stored_fact_is_the_figure_computed_afresh(area, monkeypatch):
    rows = list(Fact.objects.filter(la="886"))
    monkeypatch.setattr(stored, "fresh", lambda la, version: False)  # compute, never read
    _forget()
    exact = service.figures_for(["886"])
    controlled = service.figures_for(["886"], controlled=True)
    checked = 0
    for fact in rows:
        family = FAMILIES[fact.family]
        if fact.measure not in {m.name for m in family.measures}:
            continue  # another family's output, kept for its lines
        period = P.parse(fact.period) if fact.period_kind != P.POINT_IN_TIME else P.point(
            fact.period_end)
        live = exact.family(fact.family, period, fact.breakdown)[fact.measure]
        shown = controlled.family(fact.family, period, fact.breakdown)[fact.measure]
        value = None if live.value is None else Decimal(live.value)
        assert (fact.value, fact.shown, fact.status) == (value, shown.text, live.status), fact
        checked += 1
    assert checked > 1000


def test_the_default_page_reads_the_facts_without_computing(area, client, make_user,
                                                            monkeypatch):
    _forget()

    def no_computing(*args, **kwargs):
        raise AssertionError("computed instead of reading the fact table")

    for name in ("result", "results_by_group"):
        monkeypatch.setattr(compute, name, no_computing)
    monkeypatch.setattr(inputs, "build", no_computing)
    client.force_login(make_user("board"))
    html = client.get(reverse("dashboard-timeliness")).content.decode()
    assert "Plans issued in 2024" in html and "Data to 16 Jan 2025" in html
    with pytest.raises(AssertionError):  # another as-of date is computed on demand
        client.get(reverse("dashboard-timeliness"), {"as_of": "2024-09-30"})


def test_a_failing_refresh_rolls_the_import_back(tmp_path, monkeypatch):
    from sendassure.casework.models import Person

    def broken(la, progress=None):
        raise RuntimeError("figures crashed")

    monkeypatch.setattr(facts, "refresh", broken)
    people = [person(1, [request(assessment=plan_issued())])]
    with pytest.raises(RuntimeError):
        import_sen2([write(tmp_path, "a.xml", people)])
    assert Person.objects.count() == 0 and Fact.objects.count() == 0


def test_a_code_change_makes_the_stored_facts_stale(area, monkeypatch):
    assert stored.fresh("886", service.figures_for(["886"]).version)
    monkeypatch.setattr(stored, "COMPUTED_BY", "another-version")
    assert not stored.fresh("886", service.figures_for(["886"]).version)
    _forget()
    figures = service.figures_for(["886"])
    assert figures._stored(FAMILIES["timeliness"]) is None  # computed, not read


def test_rebuild_is_idempotent(area):
    def snapshot():
        return sorted(Fact.objects.values_list("family", "measure", "period", "breakdown",
                                               "value", "shown", "status"))

    before = snapshot()
    result = runner.invoke(app, ["figures", "rebuild"])
    assert result.exit_code == 0, result.output
    assert "Area 886:" in result.output and snapshot() == before
    assert runner.invoke(app, ["figures", "rebuild", "--area", "886"]).exit_code == 0
    assert snapshot() == before
    assert runner.invoke(app, ["figures", "rebuild", "--area", "88"]).exit_code == 2


def test_loading_establishments_refreshes_default_pages(area, tmp_path, client, make_user):
    from sendassure.casework.establishments import load_establishments

    client.force_login(make_user("analyst"))
    before = client.get(reverse("dashboard-caseload")).content.decode()
    version = FactsRefresh.objects.get(la="886").inputs
    urn = "118000"  # the builder's rank-1 placement
    register = tmp_path / "gias.csv"
    register.write_text("URN,TypeOfEstablishment (name),EstablishmentTypeGroup (name)\n"
                        f"{urn},Foundation special school,Special schools\n")
    load_establishments(register)
    assert FactsRefresh.objects.get(la="886").inputs != version  # refreshed with it
    after = client.get(reverse("dashboard-caseload")).content.decode()
    assert after != before and "100.0%" in after  # every active plan now in a special school


def test_loading_benchmarks_refreshes_default_pages(area, tmp_path, client, make_user):
    from sendassure.benchmarks.loading import load_benchmarks

    client.force_login(make_user("analyst"))
    before = client.get(reverse("dashboard-timeliness"), {"figure": "compared-with-england",
                                                          "format": "csv"}).content.decode()
    assert "England" not in before
    published = tmp_path / "timeliness_20_week.csv"
    published.write_text(
        "time_period,time_identifier,geographic_level,country_code,country_name,"
        "breakdown_topic,breakdown,pc_plans_issued_within_20_weeks\n"
        "2024,Calendar year,National,E92000001,England,All EHC plans issued,Total,46.4\n")
    load_benchmarks(published)
    after = client.get(reverse("dashboard-timeliness"), {"figure": "compared-with-england",
                                                         "format": "csv"}).content.decode()
    assert "England" in after and "46.4" in after
