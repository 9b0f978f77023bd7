"""Dashboard pages: exact figures for child-level roles, disclosure-controlled ones for
aggregate roles, CSV downloads for every figure."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.urls import reverse

from sendassure.ingest.importer import import_sen2

from ..casework.sen2_builder import person, plan_issued, request, write

pytestmark = pytest.mark.django_db
PAGES = ["dashboard-timeliness", "dashboard-decisions", "dashboard-backlog",
         "dashboard-reviews", "dashboard-caseload"]


@pytest.fixture
def small_area(tmp_path):
    """Seven plans issued in 2024, three of them within 20 weeks (small numbers)."""
    people = []
    for n, issued in enumerate(["2024-05-01", "2024-05-10", "2024-05-15", "2024-08-01",
                                "2024-09-01", "2024-10-01", "2024-11-01"], start=1):
        people.append(person(n, [request(received="2024-01-10", outcome_date="2024-02-01",
                                         assessment=plan_issued(date=issued, start=issued))]))
    assert import_sen2([write(tmp_path, "small.xml", people)]).status == "stored"


def _summary_values(html: str) -> list[str]:
    return re.findall(r'<dd class="govuk-summary-list__value">\s*([^<]*?)\s*</dd>', html)


def test_analysts_see_exact_figures(client, make_user, small_area):
    client.force_login(make_user("analyst"))
    html = client.get(reverse("dashboard-timeliness"), {"year": "2024"}).content.decode()
    values = _summary_values(html)
    # 7 plans; 10 Jan -> 1, 10, 15 May are 112, 121, 126 days: within 20 weeks = 3 of 7
    assert values[:3] == ["7", "3", "42.9%"]
    assert "Data to 16 Jan 2025" in html  # every page says how far its data goes


def test_aggregate_roles_never_see_a_count_from_1_to_4(client, make_user, small_area):
    client.force_login(make_user("board"))
    for name in PAGES:
        html = client.get(reverse(name), {"year": "2024", "as_of": "2024-12-31"}).content.decode()
        assert "disclosure-controlled" in html
        for value in _summary_values(html):
            assert not re.fullmatch(r"[1-4]", value.replace(",", "")), (name, value)
    html = client.get(reverse("dashboard-timeliness"), {"year": "2024"}).content.decode()
    assert _summary_values(html)[:3] == ["7", "c", "c"]


def test_every_figure_downloads_as_csv(client, make_user, small_area):
    client.force_login(make_user("analyst"))
    for name in PAGES:
        html = client.get(reverse(name), {"year": "2024"}).content.decode()
        ids = re.findall(r'<figure[^>]*id="([^"]+)"', html)
        assert ids, f"{name} has no figure"
        for figure in ids:
            response = client.get(reverse(name), {"year": "2024", "figure": figure,
                                                  "format": "csv"})
            assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
            rows = list(csv.reader(io.StringIO(response.content.decode())))
            assert len(rows) >= 2


def test_a_bad_year_or_date_gets_a_govuk_error(client, make_user, small_area):
    client.force_login(make_user("analyst"))
    html = client.get(reverse("dashboard-backlog"), {"as_of": "31/12/2024"}).content.decode()
    assert "There is a problem" in html and "YYYY-MM-DD" in html


def test_aggregate_chart_downloads_hide_small_shares(client, make_user, small_area):
    client.force_login(make_user("board"))
    response = client.get(reverse("dashboard-timeliness"),
                          {"year": "2024", "figure": "compared-with-england", "format": "csv"})
    rows = {r[0]: r for r in csv.reader(io.StringIO(response.content.decode()))}
    # 3 of 7 within 20 weeks: 42.9% would reveal the 3, so it is hidden
    assert "42.9" not in response.content.decode() and "c" in rows["2024"]


def test_the_trajectory_note_says_when_the_target_would_be_reached():
    from datetime import date

    from sendassure.charts.trend import trajectory_note

    # +2 points a month from 50% on 31 Jan 2024: 80% is 15 months later, April 2025
    rising = [(date(2024, m, 28), 50.0 + 2 * (m - 1)) for m in range(1, 13)]
    note = trajectory_note(rising, 80.0, "up", "%")
    assert "+2.0 points a month" in note and "2025" in note
    falling = [(date(2024, m, 28), 50.0 - (m - 1)) for m in range(1, 13)]
    assert "would not be reached" in trajectory_note(falling, 80.0, "up", "%")


def test_no_trajectory_is_drawn_from_a_trend_that_is_not_significant():
    from datetime import date

    from sendassure.charts.trend import trajectory_note

    # up and down around 30%: a slope of a few tenths with a spread far wider
    noisy = [(date(2024, m, 28), 30.0 + (5 if m % 2 else -5) + 0.1 * m) for m in range(1, 13)]
    note = trajectory_note(noisy, 80.0, "up", "%")
    assert "not statistically significant" in note and "would be reached" not in note


def test_aggregate_roles_see_published_dates_only(client, make_user, small_area):
    # consecutive days would differ by the plans issued on one day: a board member asking
    # for 4 January sees the figures as known on 31 December, and is told so
    client.force_login(make_user("board"))
    html = client.get(reverse("dashboard-timeliness"), {"year": "2024",
                                                        "as_of": "2025-01-04"}).content.decode()
    assert "as known on 31 Dec 2024, not 4 Jan 2025" in html
    client.force_login(make_user("analyst"))
    html = client.get(reverse("dashboard-timeliness"), {"year": "2024",
                                                        "as_of": "2025-01-04"}).content.decode()
    assert "Figures are as known on 4 Jan 2025" in html  # exact figures: any day


def test_a_partial_year_says_so(client, make_user, small_area):
    client.force_login(make_user("analyst"))
    html = client.get(reverse("dashboard-timeliness"), {"year": "2025"}).content.decode()
    assert "Plans issued in 2025 (partial: the data covers 2025 only to 16 Jan 2025)" in html


def test_each_page_says_what_validation_problems_hold_back(client, make_user, tmp_path):
    issued_first = request(received="2024-06-01", outcome_date="2024-06-10",
                           assessment=plan_issued(date="2024-05-01"))  # SEN2-3005
    people = [person(1, [issued_first]), person(2, [request(), request()]), person(3)]
    assert import_sen2([write(tmp_path, "held.xml", people)]).status == "stored"
    client.force_login(make_user("analyst"))
    html = " ".join(client.get(reverse("dashboard-timeliness")).content.decode().split())
    assert "Records held back from these figures" in html
    assert "1 stored request(s) left out (SEN2-3005: AssessmentOutcomeDate" in html
    assert "1 record(s) quarantined whole (SEN2-2013:" in html
    assert reverse("imports") in html  # analysts may open the records
    decisions = " ".join(client.get(reverse("dashboard-decisions")).content.decode().split())
    assert "SEN2-3005" not in decisions.split("Records held back")[1].split("</details>")[0] \
        .split("Decisions not to issue")[0]  # still counted as received and decided
    client.force_login(make_user("board"))
    board = " ".join(client.get(reverse("dashboard-timeliness")).content.decode().split())
    assert "fewer than 5 stored request(s) left out (SEN2-3005" in board
    assert reverse("imports") not in board
