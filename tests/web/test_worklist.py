"""The casework worklist: stages (with drafting from what casework records), the 6- and
20-week deadlines, filters, sort, search by case reference, owner and team, CSV of what is
shown, and a case's page; every read audited. Dates worked by hand against R = 18 Jan 2024,
the return's reference date (the data's end, the page's default)."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from sendassure.casework.models import CaseAssignment, Request
from sendassure.core.models import AuditEvent
from sendassure.ingest.importer import import_sen2

from ..casework.sen2_builder import person, plan_issued, request, write

pytestmark = pytest.mark.django_db


@pytest.fixture
def cases(tmp_path):
    undecided = {"outcome": None, "outcome_date": None, "assessment": None}
    people = [
        # received 1 Nov 2023: 78 days on R, no decision: 36 days past the 6 weeks
        person(1, [request(received="2023-11-01", **undecided)]),
        # received 1 Jan 2024: 17 days, 25 left to decide
        person(2, [request(received="2024-01-01", **undecided)]),
        # received 1 Jun 2023: 231 days, assessing (decided 1 Jul): over 30 weeks; aged 16
        person(3, [request(received="2023-06-01", outcome_date="2023-07-01", assessment=None)],
               PersonBirthDate="2007-03-01", PostCode="CT1 2AB"),
        # received 1 Sep 2023: 139 days, assessing: due to pass 20 weeks within 4 weeks
        person(4, [request(received="2023-09-01", outcome_date="2023-10-01", assessment=None)]),
        # issued on 20 Dec 2023: closed, not on the worklist
        person(5, [request(received="2023-08-01", outcome_date="2023-09-01",
                           assessment=plan_issued(date="2023-12-20", start="2023-12-20"))]),
    ]
    import_sen2([write(tmp_path, "a.xml", people, year="2024", reference_date="2024-01-18")])
    by_received = {str(r.received_date): r for r in Request.objects.all()}
    return {n: by_received[d] for n, d in
            [(1, "2023-11-01"), (2, "2024-01-01"), (3, "2023-06-01"), (4, "2023-09-01")]}


def page(client, **params):
    return client.get(reverse("worklist"), params).content.decode()


def shown(html: str, cases) -> list[int]:
    """The fixture's case numbers in the order the page lists them."""
    at = {n: html.find(f">886-{r.pk}<") for n, r in cases.items()}
    return sorted((n for n, i in at.items() if i >= 0), key=at.get)


def test_the_worklist_shows_stages_deadlines_and_flags(client, make_user, cases):
    client.force_login(make_user("casework"))
    html = page(client)
    assert "Open EHC needs assessments on 18 Jan 2024: 4 open" in html
    assert shown(html, cases) == [3, 4, 1, 2]  # oldest first
    assert "1 is past the 6-week decision" in html
    assert "6-week decision overdue" in html and "Over 30 weeks" in html
    assert "Due to pass 20 weeks within 4 weeks" in html
    assert reverse("case", args=[cases[1].pk]) in html
    assert html.count("govuk-tag--grey") == 4  # "No owner" on each


@pytest.mark.parametrize(("params", "expected"), [
    ({"flag": "decision_overdue"}, [1]),
    ({"flag": "due_20"}, [4]),
    ({"stage": "awaiting decision"}, [1, 2]),
    ({"stage": "assessing"}, [3, 4]),
    ({"age_group": "16 to 19"}, [3]),
    ({"locality": "CT1"}, [3]),
    ({"stage": "awaiting decision", "sort": "decision"}, [1, 2]),
    ({"sort": "newest"}, [2, 1, 4, 3]),
    ({"sort": "decision"}, [1, 2, 3, 4]),  # undecided first, most overdue first
])
def test_filters_and_sorts(client, make_user, cases, params, expected):
    client.force_login(make_user("casework"))
    html = page(client, **params)
    assert shown(html, cases) == expected
    assert f"{len(expected)} match the filters" in html or len(expected) == 4


def test_search_by_case_reference(client, make_user, cases):
    client.force_login(make_user("casework"))
    assert shown(page(client, reference=f"886-{cases[2].pk}"), cases) == [2]
    assert shown(page(client, reference="999-1"), cases) == []


def test_casework_records_owner_team_and_draft_which_makes_the_case_drafting(
        client, make_user, cases):
    client.force_login(make_user("casework"))
    url = reverse("case", args=[cases[4].pk])
    response = client.post(url, {"owner": "A. Caseworker", "team": "North team",
                                 "draft-day": "10", "draft-month": "1", "draft-year": "2024"})
    assert response.status_code == 302
    kept = CaseAssignment.objects.get(request=cases[4])
    assert (kept.la, kept.owner, kept.team, str(kept.draft_sent_on)) == (
        "886", "A. Caseworker", "North team", "2024-01-10")
    assert AuditEvent.objects.filter(action="change", object_type="CaseAssignment").exists()
    html = page(client, stage="drafting")
    assert shown(html, cases) == [4] and "A. Caseworker" in html
    assert shown(page(client, team="North team"), cases) == [4]
    assert shown(page(client, flag="no_owner"), cases) == [3, 1, 2]
    assert shown(page(client, sort="owner"), cases) == [4, 3, 1, 2]  # owned first


def test_a_draft_dated_after_the_data_does_not_count_yet(client, make_user, cases):
    client.force_login(make_user("casework"))
    CaseAssignment.objects.create(request=cases[3], la="886", draft_sent_on="2024-02-01")
    assert shown(page(client, stage="assessing"), cases) == [3, 4]
    assert shown(page(client, stage="assessing", as_of="2024-02-01"), cases) == [4]


@pytest.mark.parametrize(("fields", "message"), [
    ({"draft-day": "31", "draft-month": "2", "draft-year": "2024"},
     "The date the draft plan was sent must be a real date"),
    ({"draft-day": "1", "draft-month": "8", "draft-year": "2023"},
     "must be between 1 Sep 2023 and 31 Dec 2100"),  # before the request
    ({"owner": "x" * 121}, "Owner must be 120 characters or fewer"),
])
def test_a_bad_case_update_is_refused_beside_the_field(client, make_user, cases, fields,
                                                       message):
    client.force_login(make_user("casework"))
    response = client.post(reverse("case", args=[cases[4].pk]), fields)
    html = response.content.decode()
    assert response.status_code == 400 and message in html
    assert "govuk-error-message" in html and "There is a problem" in html
    assert not CaseAssignment.objects.exists()


def test_the_case_page_shows_where_it_stands_and_is_audited(client, make_user, cases):
    client.force_login(make_user("casework"))
    html = client.get(reverse("case", args=[cases[1].pk])).content.decode()
    assert "36 days overdue" in html and "78 days" in html and "5 to 10" in html
    event = AuditEvent.objects.get(action="view", object_type="Request")
    assert event.object_id == str(cases[1].pk)


def test_a_case_of_another_area_is_not_found(client, make_user, cases):
    client.force_login(make_user("casework", username="elsewhere", areas=("201",)))
    assert client.get(reverse("case", args=[cases[1].pk])).status_code == 404


def test_the_csv_is_what_the_filters_show_with_owner_and_flags(client, make_user, cases):
    CaseAssignment.objects.create(request=cases[1], la="886", owner="B. Officer")
    client.force_login(make_user("casework"))
    response = client.get(reverse("worklist"), {"flag": "decision_overdue", "format": "csv"})
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [int(r["request_id"]) for r in rows] == [cases[1].pk]
    assert (rows[0]["owner"], rows[0]["days_left_to_6_weeks"], rows[0]["flags"]) == (
        "B. Officer", "-36", "6-week decision overdue")
    event = AuditEvent.objects.get(action="export", object_type="Worklist")
    assert "1 open cases" in event.summary and "flag=decision_overdue" in event.summary


def test_a_new_return_shows_at_once(client, make_user, cases, tmp_path):
    """The open cases are kept per records version: the next import moves it on, so the
    page never shows the cases as they stood before it (worked: the 2025 return, R = 16
    Jan 2025, adds one case received 2 Jan 2025 with no decision)."""
    client.force_login(make_user("casework"))
    assert "on 18 Jan 2024: 4 open" in page(client)
    later = [person(9, [request(received="2025-01-02", outcome=None, outcome_date=None,
                                assessment=None)])]
    assert import_sen2([write(tmp_path, "b.xml", later)]).status == "stored"
    html = page(client)
    # the four cases of 2024 still open (nothing closed them) and the new one
    assert "on 16 Jan 2025: 5 open" in html and "18 Jan 2024" not in html
