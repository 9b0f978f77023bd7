"""The public page (anonymous): headline measures disclosure-controlled with their
periods and data dates, "you said, we did" entries marked public, the next review after
the data's end; cacheable. And the co-production log behind it."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from sendassure.plan.models import CoProduction

from ..core.test_url_roles import sample_plan
from ..support.dates import date_fields, error_on

pytestmark = pytest.mark.django_db


@pytest.fixture
def area(tmp_path):
    from sendassure.core.models import Area
    from sendassure.ingest.importer import import_sen2

    from ..casework.sen2_builder import person, plan_issued, request, write

    Area.objects.create(code="886", name="Kent")
    people = [person(n, [request(received="2023-01-05", outcome_date="2023-02-01",
                                 assessment=plan_issued(date=issued, start=issued))])
              for n, issued in enumerate(["2023-05-01", "2023-05-10", "2023-09-01"], start=1)]
    import_sen2([write(tmp_path, "area.xml", people, year="2024", reference_date="2024-01-18")])
    plan = sample_plan()  # reviews: 15 Nov 2023
    plan.reviews.create(date=date(2024, 5, 15), label="Second progress review")
    CoProduction.objects.create(plan=plan, said_on=date(2023, 10, 1), where="Forum meeting",
                                you_said="Letters are hard to follow",
                                we_did="Rewrote the letters with parents", public=True)
    CoProduction.objects.create(plan=plan, said_on=date(2023, 10, 2), where="Workshop",
                                you_said="Not for publication yet", public=False)
    return plan


def test_anyone_sees_controlled_headlines_and_public_entries(client, area):
    response = client.get(reverse("public"))
    html = " ".join(response.content.decode().split())
    assert response.status_code == 200 and response["Cache-Control"] == "public, max-age=300"
    table = html[html.index('id="headlines"'):]
    table = table[:table.index("</table>")]
    # 3 plans in 2023, 2 within 20 weeks (116, 125 days) and 1 over (239 days): the
    # 12 months to Dec 2023 hold counts of 1 to 4, so the percentage is c
    assert "% issued within 20 weeks" in table and ">c<" in table
    assert "12 months to Dec 2023" in table and "Data to 18 Jan 2024" in table
    assert "Letters are hard to follow" in html and "Not for publication yet" not in html
    # the data end 18 Jan 2024: the next review is 15 May 2024 (not the one before)
    assert "The next progress review with the Department for Education and NHS England " \
           "is on 15 May 2024" in html


def test_analysts_add_to_the_log_and_others_read_it(client_as, area):
    client = client_as("analyst")
    url = reverse("plan-coproduction", args=[area.pk])
    bad = client.post(url, {"said_on-day": "soon", "said_on-month": "1", "said_on-year": "2024",
                            "where": "", "you_said": ""})
    text = bad.content.decode()
    assert bad.status_code == 400 and "Enter where it was said" in text
    assert error_on(text, "said_on", "The date families said it must be a real date")
    blank = client.post(url, {"where": "Survey", "you_said": "Faster plans"}).content.decode()
    assert error_on(blank, "said_on", "Enter the date families said it")
    action = area.areas.get().actions.get()
    client.post(url, {**date_fields("said_on", "2024-01-10"), "where": "Survey",
                      "you_said": "Faster plans", "we_did": "More caseworkers",
                      "action": action.pk, "public": "yes"})
    entry = CoProduction.objects.get(where="Survey")
    assert (entry.action, entry.public) == (action, True)
    board = client_as("board")
    assert "Faster plans" in board.get(url).content.decode()
    assert board.post(url, {**date_fields("said_on", "2024-01-10"), "where": "x",
                            "you_said": "y"}).status_code == 403


def test_the_pack_shows_what_families_said_against_each_area(client_as, area, tmp_path):
    from typer.testing import CliRunner

    from sendassure.cli import app

    action = area.areas.get().actions.get()
    CoProduction.objects.filter(where="Forum meeting").update(action=action)
    out = tmp_path / "pack.html"
    result = CliRunner().invoke(app, ["pack", "review", "--review", "2023-11-15", "--out",
                                      str(out)])
    assert result.exit_code == 0, result.output
    html = out.read_text()
    assert "You said, we did" in html and "Letters are hard to follow" in html
    assert "Rewrote the letters with parents" in html
