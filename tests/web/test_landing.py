"""The start page says what needs attention: the next review (a calendar deadline),
areas by their latest rating, overdue milestones and requests, casework deadlines, the
headline figures beside the plan's target with their direction of travel (dated by the
data), and what the last import brought. Worked by hand below."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from sendassure.ingest.importer import import_sen2
from sendassure.plan.models import RagRating

from ..casework.sen2_builder import person, plan_issued, request, write
from ..core.test_url_roles import sample_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def area_data(tmp_path):
    plan = sample_plan()  # area 6 rated amber on 15 Nov 2023; milestone due 31 Jan 2024
    today = timezone.localdate()
    plan.reviews.create(date=today + timedelta(days=10), label="Fifth progress review")
    area = plan.areas.create(number=7, title="Waits for health services")
    RagRating.objects.create(area=area, review_date=date(2023, 11, 15), rating="green")
    RagRating.objects.create(area=area, review_date=date(2024, 5, 15), rating="red",
                             rationale="Waits grew")  # the latest counts
    plan.areas.create(number=8, title="Co-production")  # never rated
    plan.evidence_requests.create(area=area, text="Waits by service",
                                  due_review=today + timedelta(days=10))
    undecided = {"outcome": None, "outcome_date": None, "assessment": None}
    # the 2023 return (calendar year 2022): one plan, within 20 weeks (100%)
    earlier = [person(1, [request(received="2022-01-10", outcome_date="2022-02-01",
                                  assessment=plan_issued(date="2022-05-01",
                                                         start="2022-05-01"))])]
    import_sen2([write(tmp_path, "b.xml", earlier, year="2023", reference_date="2023-01-19")])
    people = [
        # 2023: one within 20 weeks (111 days), one not (234 days): 50.0%
        person(2, [request(received="2023-01-10", outcome_date="2023-02-01",
                           assessment=plan_issued(date="2023-05-01", start="2023-05-01"))]),
        person(3, [request(received="2023-01-10", outcome_date="2023-02-01",
                           assessment=plan_issued(date="2023-09-01", start="2023-09-01"))]),
        # open on 18 Jan 2024: received 1 Nov 2023, undecided after 78 days
        person(4, [request(received="2023-11-01", **undecided)]),
    ]
    import_sen2([write(tmp_path, "a.xml", people, year="2024", reference_date="2024-01-18")])
    return plan


def test_an_analyst_sees_what_needs_attention(client, make_user, area_data):
    client.force_login(make_user("analyst"))
    html = client.get(reverse("start")).content.decode()
    assert "What needs attention" in html
    assert "Next review: <strong>Fifth progress review" in html and "10 days to go" in html
    # area 6 amber, area 7 red (its latest rating), area 8 never rated
    for tag in ("Red: 1", "Amber: 1", "Not rated yet: 1"):
        assert tag in html
    assert "Green: 1" not in html
    assert "1 milestone overdue</a>" in html and "Recruit caseworkers" in html
    assert "2 evidence requests open</a>" in html
    assert "1 overdue, 1 due at the next review" in html  # 15 May 2024 passed; the other
    # headline: 50.0% in the 12 months to Dec 2023 (data to 18 Jan 2024), target 80,
    # down 50.0 points on the 12 months to Dec 2022 (100%)
    assert "50.0%" in html and "12 months to Dec 2023" in html
    assert "target 80.0%" in html
    assert "down 50.0 points on 12 months to Dec 2022" in html and "Worse" in html
    assert "Data to 18 Jan 2024" in html
    # casework counts for a child-level role
    assert "1 case past the 6-week decision" in html
    assert "The latest SEN2 return (reference date 18 Jan 2024)" in html
    assert reverse("import-detail", args=[1]).rsplit("/", 2)[0] in html


def test_aggregate_roles_see_controlled_figures_and_no_casework(client, make_user, area_data):
    client.force_login(make_user("board"))
    html = client.get(reverse("start")).content.decode()
    assert "What needs attention" in html and "Red: 1" in html
    assert "50.0%" not in html  # 1 of 2: a count from 1 to 4 behind it
    assert "past the 6-week decision" not in html
    assert "What the import stored" not in html


def test_a_user_without_areas_is_told_so(client, make_user, area_data):
    client.force_login(make_user("board", username="nowhere", areas=()))
    html = client.get(reverse("start")).content.decode()
    assert "You do not belong to any local authority area yet" in html
    assert "What needs attention" not in html
