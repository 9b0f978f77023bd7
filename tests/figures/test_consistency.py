"""One source for every figure: the dashboard, the plan page, the suggested RAG, the
review pack (PDF, HTML and XLSX), the command line and the API give the same value for
the same area, period and as-of date, for every registered measure, with and without a
breakdown (two of them); exactly for child-level roles, and the same controlled text for
aggregate ones."""

from __future__ import annotations

import json
import re
from datetime import date
from decimal import Decimal
from io import BytesIO

import lxml.html
import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader
from typer.testing import CliRunner

from sendassure.casework.establishments import load_establishments
from sendassure.cli import app
from sendassure.figures.registry import FAMILIES, FLOW, statutory_sections
from sendassure.figures.registry import MEASURES as REGISTERED
from sendassure.figures.service import figures_for
from sendassure.ingest.importer import import_sen2
from sendassure.kpis import periods as P
from sendassure.plan import models as m
from sendassure.plan.rag import facts_for_action, review_figures
from sendassure.reports.output import render_html, write_pdf, write_xlsx
from sendassure.reports.review_pack import build_pack
from sendassure.synth import generate_area

# the measures computed from the SEN2 records (published outcomes, read as published,
# have their own consistency test in tests/figures/test_outcomes_stream.py)
MEASURES = {n: x for n, x in REGISTERED.items() if FAMILIES[x.family].stream == "sen2"}

pytestmark = pytest.mark.django_db
AS_OF = date(2024, 12, 31)
BREAKDOWNS = ("", "sex=Female", "primary_need=ASD")
PAGES = {"timeliness": "timeliness", "decisions": "decisions", "not_to_issue": "decisions",
         "redress": "decisions",
         "open_assessments": "backlog", "annual_reviews": "reviews",
         "reviews_overdue": "reviews", "phase_transfers": "reviews", "caseload": "caseload"}
runner = CliRunner()


def period_of(name: str) -> P.Period:
    flow = FAMILIES[MEASURES[name].family].kind == FLOW
    return P.calendar_year(2024) if flow else P.point(AS_OF)


def number(text):
    """A figure as shown, as a comparable value: a Decimal, or the symbol itself."""
    if text is None:
        return "z"
    if isinstance(text, int | float | Decimal):
        return Decimal(str(text))
    bare = str(text).strip().replace(",", "").removesuffix("%").removesuffix(" weeks")
    try:
        return Decimal(bare)
    except ArithmeticError:
        return bare


@pytest.fixture
def area(tmp_path):
    files = generate_area("886", [2023, 2024], 0.05, 7, tmp_path)
    load_establishments(tmp_path / "establishments.csv")
    for path in files:
        assert import_sen2([path]).status == "stored"
    plan = m.Plan.objects.create(la="886", title="Every measure", plan_type="app",
                                 start_date=date(2023, 1, 1))
    plan.reviews.create(date=AS_OF, label="Year-end review")
    weakness = plan.areas.create(number=1, title="Everything")
    action = weakness.actions.create(reference="1.1", description="Measure everything",
                                     status="on_track")
    for name, measure in MEASURES.items():
        flow = FAMILIES[measure.family].kind == FLOW
        for breakdown in BREAKDOWNS:
            m.MeasureLink.objects.create(
                action=action, section=measure.family, kpi=name, breakdown=breakdown,
                direction="down" if measure.polarity == "down" else "up",
                period_kind=P.CALENDAR_YEAR if flow else "")
    return plan, action


def _pairs():
    return [(name, b) for name in MEASURES for b in BREAKDOWNS]


def _token(make_user, role):
    user = make_user(role, username=f"{role}-surfaces")
    return runner.invoke(app, ["tokens", "add", user.username]).output.strip()


def _api(client, token, name, breakdown):
    query = {"measure": name, "area": "886", "as_of": AS_OF.isoformat()}
    period = period_of(name)
    query.update({"year": "2024"} if not period.is_point else {"period": period.key})
    if breakdown:
        query["breakdown"] = breakdown
    response = client.get("/api/v1/figures", query, HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200, response.content
    return number(response.json()["value"])


def _dashboard(client, user):
    """{(measure, breakdown): value} from every dashboard page, summaries and tables."""
    client.force_login(user)
    found = {}
    for page in sorted(set(PAGES.values())):
        for breakdown in BREAKDOWNS:
            dimension, _, group = breakdown.partition("=")
            html = client.get(reverse(f"dashboard-{page}"), {
                "year": "2024", "as_of": AS_OF.isoformat(), "breakdown": dimension}).content
            tree = lxml.html.fromstring(html)
            if not breakdown:
                for row in tree.xpath('//div[@data-measure]'):
                    value = row.xpath('.//dd')[0].text_content()
                    found.setdefault((row.get("data-measure"), ""), number(value))
                continue
            for table in tree.xpath('//table[starts-with(@id, "breakdown-")]'):
                names = [th.get("data-measure") for th in table.xpath('.//thead//th')][1:]
                for row in table.xpath('.//tbody/tr'):
                    if row.xpath('./th')[0].text_content().strip() != group:
                        continue
                    cells = [td.text_content() for td in row.xpath('./td')]
                    for name, value in zip(names, cells, strict=True):
                        found[(name, breakdown)] = number(value)
    client.logout()
    return found


def _plan_page(client, user, weakness):
    client.force_login(user)
    html = client.get(reverse("plan-area", args=[weakness.pk]), {"as_of": AS_OF.isoformat()})
    tree = lxml.html.fromstring(html.content)
    found = {}
    for row in tree.xpath('//tr[@data-measure]'):
        now = row.xpath('./td')[2].text_content().strip()
        found[(row.get("data-measure"), row.get("data-breakdown"))] = number(
            now.split(" (")[0])
    client.logout()
    return found


def test_every_surface_gives_the_same_figure(area, client, make_user):
    plan, action = area
    exact = figures_for(["886"], AS_OF)
    controlled = figures_for(["886"], AS_OF, controlled=True, review_dates=[AS_OF])
    truth = {(n, b): exact.figure(n, period_of(n), b) for n, b in _pairs()}
    shown = {(n, b): controlled.figure(n, period_of(n), b) for n, b in _pairs()}
    # the figures are real: most have values, and some are controlled away
    assert sum(f.value not in (None, 0) for f in truth.values()) > len(truth) / 2
    assert any(f.text == "c" for f in shown.values())
    for key, figure in shown.items():  # what an aggregate audience sees is the truth or c
        if figure.shown:
            assert number(figure.text) == number(truth[key].value), key
    expected = {k: number(f.value) for k, f in truth.items()}
    expected_shown = {k: number(f.text) for k, f in shown.items()}
    mismatches = []

    def check(surface, found, wanted, keys=None):
        for key in keys or wanted:
            if found.get(key, "missing") != wanted[key]:
                mismatches.append((surface, key, found.get(key, "missing"), wanted[key]))

    # the command line (its seven statutory sections), with and without a breakdown
    for breakdown in BREAKDOWNS:
        args = ["kpis", "--year", "2024", "--as-of", AS_OF.isoformat()]
        result = runner.invoke(app, [*args, "--breakdown", breakdown] if breakdown else args)
        assert result.exit_code == 0, result.output
        data = json.loads(result.output)
        cli = {(n, breakdown): number(v) for s in data.values() for n, v in s.items()}
        check("cli", cli, expected, [(f.name, breakdown) for family in statutory_sections()
                                     for f in family.measures])
    # the API, for an analyst and for a board member
    analyst, board = _token(make_user, "analyst"), _token(make_user, "board")
    check("api", {k: _api(client, analyst, *k) for k in _pairs()}, expected)
    check("api (board)", {k: _api(client, board, *k) for k in _pairs()}, expected_shown)
    # the dashboard
    check("dashboard", _dashboard(client, make_user("analyst", username="a-dash")), expected)
    check("dashboard (board)", _dashboard(client, make_user("board", username="b-dash")),
          expected_shown)
    # the plan's area page ("now" for each linked measure)
    weakness = plan.areas.get()
    check("plan page", _plan_page(client, make_user("analyst", username="a-plan"), weakness),
          expected)
    check("plan page (forum)",
          _plan_page(client, make_user("forum", username="f-plan"), weakness), expected_shown)
    # the suggested RAG works on the exact figures
    facts = facts_for_action(action, review_figures(plan, AS_OF), AS_OF)
    links = list(action.measures.all())
    check("rag", {(link.kpi, link.breakdown): number(fact.actual)
                  for link, fact in zip(links, facts.measures, strict=True)}, expected)
    # the review pack, in its three formats (always disclosure-controlled)
    pack = build_pack(plan, AS_OF)
    tree = lxml.html.fromstring(render_html(pack))
    html = {(row.get("data-measure"), row.get("data-breakdown")): number(
        row.xpath('./td')[2].text_content().split(" (")[0])
        for row in tree.xpath('//tr[@data-measure]')}
    check("pack html", html, expected_shown)
    book = BytesIO()
    write_xlsx(pack, book)
    sheet = load_workbook(BytesIO(book.getvalue()))["Measures"]
    header = [c.value for c in next(sheet.iter_rows(max_row=1))]
    xlsx = {}
    for row in sheet.iter_rows(min_row=2, values_only=True):
        cells = dict(zip(header, row, strict=True))
        xlsx[(cells["kpi"], cells["breakdown"] or "")] = number(cells["now (as shown)"])
        if cells["now"] is not None:  # the typed number, where one is shown
            assert number(cells["now"]) == number(cells["now (as shown)"])
    check("pack xlsx", xlsx, expected_shown)
    pdf = BytesIO()
    write_pdf(pack, pdf)
    pages = [re.sub(r"Page \d+ of \d+", " ", page.extract_text())  # the running footer
             for page in PdfReader(BytesIO(pdf.getvalue())).pages]
    text = " ".join(" ".join(pages).split())
    for summary in pack.areas[0].measures:
        key = (summary.kpi, summary.breakdown)
        sentence = f"{summary.label}: {shown[key].display} for {shown[key].period.label}"
        if sentence not in text:
            mismatches.append(("pack pdf", key, "missing", sentence))
    assert mismatches == [], "\n".join(map(str, mismatches))
