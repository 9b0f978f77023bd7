"""Actual values of plan measures, live from the KPI engine, on a hand-built return; and
the suggested RAG built from the database (facts_for_action / facts_for_area)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from sendassure.casework.measures import case_frames
from sendassure.ingest.importer import import_sen2
from sendassure.plan import models as m
from sendassure.plan.actuals import SeriesPoint, actual, series
from sendassure.plan.rag import facts_for_action, facts_for_area, suggest

from ..casework.sen2_builder import person, plan_issued, request, write

pytestmark = pytest.mark.django_db


@pytest.fixture
def frames(tmp_path):
    """Three requests in 2024 (d = days from ReceivedDate to the plan's issue):
    1. F, received 10 Jan, issued 20 May: 21 + 29 + 31 + 30 + 20 = 131 days (within 20 weeks)
    2. M, received 10 Jan, issued 1 Jul: 21 + 29 + 31 + 30 + 31 + 30 + 1 = 173 (not within)
    3. F, received 1 Mar, issued 15 Jul: 30 + 30 + 31 + 30 + 15 = 136 (within)."""
    path = write(tmp_path, "return.xml", [
        person(1, Sex="F", requests=[request("2024-01-10", outcome_date="2024-02-15",
                                             assessment=plan_issued("2024-05-20", "2024-05-20"))]),
        person(2, Sex="M", requests=[request("2024-01-10", outcome_date="2024-02-15",
                                             assessment=plan_issued("2024-07-01", "2024-07-01"))]),
        person(3, Sex="F", requests=[request("2024-03-01", outcome_date="2024-04-10",
                                             assessment=plan_issued("2024-07-15", "2024-07-15"))]),
    ])
    report = import_sen2([path])
    assert sum(report.stored.values()) > 0 and not report.quarantined, report
    return case_frames(["886"])


def link(kpi: str, section: str = "timeliness", breakdown: str = "", direction: str = "up"):
    return m.MeasureLink(section=section, kpi=kpi, breakdown=breakdown, direction=direction)


def test_actual_for_the_year_as_known_on_the_day(frames):
    pc = link("pc_plans_issued_within_20_weeks")
    # whole year: 2 of 3 within: 66.666... -> 66.7
    assert actual(pc, frames, date(2024, 12, 31)) == Decimal("66.7")
    # on 30 June only plan 1 had been issued: 1 of 1
    assert actual(pc, frames, date(2024, 6, 30)) == Decimal("100.0")
    assert actual(link("plans_issued_den"), frames, date(2024, 12, 31)) == 3


def test_actual_with_a_breakdown(frames):
    # Female: plans 1 and 3, both within: 2 of 2
    assert actual(link("pc_plans_issued_within_20_weeks", breakdown="sex=Female"), frames,
                  date(2024, 12, 31)) == Decimal("100.0")
    # nobody of unknown sex: the count is 0 and the rate has no value
    assert actual(link("plans_issued_den", breakdown="sex=Unknown"), frames,
                  date(2024, 12, 31)) == 0
    assert actual(link("pc_plans_issued_within_20_weeks", breakdown="sex=Unknown"), frames,
                  date(2024, 12, 31)) is None


def test_point_in_time_backlog(frames):
    # on 30 June: request 2 open (age 21+29+31+30+31+30 = 172 > 140), request 3 open
    # (age 30+30+31+30 = 121); request 1 closed on 20 May
    over = link("open_over_20_weeks", "open_assessments", direction="down")
    assert actual(over, frames, date(2024, 6, 30)) == 1
    assert actual(link("open_total", "open_assessments"), frames, date(2024, 6, 30)) == 2


def test_monthly_series_for_timeliness(frames):
    pc = link("pc_plans_issued_within_20_weeks")
    # May: plan 1 (within) 100.0; June: none issued, no value; July: plans 2 and 3, 1 of 2
    assert series(pc, frames, 3, date(2024, 7, 31)) == [
        SeriesPoint(date(2024, 5, 1), date(2024, 5, 31), Decimal("100.0")),
        SeriesPoint(date(2024, 6, 1), date(2024, 6, 30), None),
        SeriesPoint(date(2024, 7, 1), date(2024, 7, 31), Decimal("50.0")),
    ]


def test_yearly_series_where_there_is_no_monthly_breakdown(frames):
    # decisions are yearly: 3 requests decided (outcome Y) in 2024, none in 2023
    decided = link("requests_decided", "decisions")
    assert series(decided, frames, 14, date(2024, 12, 31)) == [
        SeriesPoint(date(2023, 1, 1), date(2023, 12, 31), 0),
        SeriesPoint(date(2024, 1, 1), date(2024, 12, 31), 3),
    ]


def test_suggested_rag_from_the_database(frames):
    plan = m.Plan.objects.create(la="886", title="T", plan_type="app", start_date=date(2024, 1, 1))
    area = m.AreaOfWeakness.objects.create(plan=plan, number=6, title="EHC process")
    action = m.Action.objects.create(area=area, reference="6.3", description="Recover",
                                     status="on_track")
    measure = m.MeasureLink.objects.create(action=action, section="timeliness",
                                           kpi="pc_plans_issued_within_20_weeks", direction="up",
                                           baseline_value=Decimal("13.2"))
    m.MeasureMilestone.objects.create(measure=measure, due_date=date(2024, 9, 30),
                                      target_value=Decimal("70.0"))
    m.Milestone.objects.create(action=action, title="Plan agreed", due_date=date(2024, 12, 1))
    review = date(2024, 12, 31)
    facts = facts_for_action(action, frames, review)
    assert facts.measures[0].actual == Decimal("66.7")
    # only May and July have plans issued: 2 points, too few for process limits
    assert facts.measures[0].special_cause_concern is False
    # 70.0 - 66.7 = 3.3 short, margin 7: amber; milestone 30 days overdue: amber
    got = suggest(facts, review)
    assert got.rating == "amber"
    assert got.reasons == [
        "milestone 'Plan agreed' due 2024-12-01 is 30 days overdue",
        "pc_plans_issued_within_20_weeks: 66.7 is 3.3 short of the target 70.0 due 2024-09-30",
    ]
    # the area's own measure: open over 52 weeks on 31 Dec is 0, target 0: on track
    m.MeasureLink.objects.create(area=area, section="open_assessments", kpi="open_over_52_weeks",
                                 direction="down", target_value=Decimal(0),
                                 target_date=date(2024, 6, 30))
    area_suggestion = suggest(facts_for_area(area, frames, review), review)
    assert area_suggestion.rating == "amber"
    assert area_suggestion.reasons[0].startswith("action 6.3: milestone 'Plan agreed'")
