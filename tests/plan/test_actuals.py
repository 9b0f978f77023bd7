"""A plan measure's figures from the figures service, on a hand-built return (data from
1 Jan 2024 to its reference date, 16 Jan 2025): "now" for its stated period, the
baseline checked against the records, the trend; and the suggested RAG built from them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from sendassure.figures.service import figures_for
from sendassure.ingest.importer import import_sen2
from sendassure.plan import actuals
from sendassure.plan import models as m
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

    def known_on(day=None, controlled=False):
        return figures_for(["886"], day, controlled=controlled)

    return known_on


def link(kpi: str, section: str = "timeliness", breakdown: str = "", direction: str = "up",
         **fields):
    return m.MeasureLink(section=section, kpi=kpi, breakdown=breakdown, direction=direction,
                         **fields)


def test_now_is_the_latest_complete_twelve_months(frames):
    pc = link("pc_plans_issued_within_20_weeks")
    # as known on 31 Dec 2024: Jan to Dec 2024, 2 of 3 within: 66.666... -> 66.7
    now = actuals.now(pc, frames(date(2024, 12, 31)))
    assert (now.period.label, now.value, now.status) == ("12 months to Dec 2024",
                                                         Decimal("66.7"), "final")
    # as known on 30 June: July 2023 to June 2024 holds plan 1 only (1 of 1), and the
    # data begins in January 2024, so the period is only partly covered
    june = actuals.now(pc, frames(date(2024, 6, 30)))
    assert (june.period.key, june.value, june.status) == ("R12-2024-06", Decimal("100.0"),
                                                          "partial")
    # by default, as known on the data's end (16 Jan 2025): still the 12 months to December
    assert actuals.now(pc, frames()).period.key == "R12-2024-12"
    assert actuals.now(link("plans_issued_den", period_kind="calendar_year"),
                       frames(date(2024, 12, 31))).value == 3


def test_now_with_a_breakdown_is_for_a_calendar_year(frames):
    female = link("pc_plans_issued_within_20_weeks", breakdown="sex=Female")
    now = actuals.now(female, frames(date(2024, 12, 31)))
    # Female: plans 1 and 3, both within: 2 of 2
    assert (now.period.key, now.value) == ("2024", Decimal("100.0"))
    # nobody of unknown sex: the count is 0 and the rate has no value
    assert actuals.now(link("plans_issued_den", breakdown="sex=Unknown"),
                       frames(date(2024, 12, 31))).value == 0
    assert actuals.now(link("pc_plans_issued_within_20_weeks", breakdown="sex=Unknown"),
                       frames(date(2024, 12, 31))).value is None


def test_a_stock_is_taken_on_the_day(frames):
    # on 30 June: request 2 open (age 21+29+31+30+31+30 = 172 > 140), request 3 open
    # (age 30+30+31+30 = 121); request 1 closed on 20 May
    over = link("open_over_20_weeks", "open_assessments", direction="down")
    now = actuals.now(over, frames(date(2024, 6, 30)))
    assert (now.period.key, now.value) == ("2024-06-30", 1)
    assert actuals.now(link("open_total", "open_assessments"), frames(date(2024, 6, 30))
                       ).value == 2


def test_monthly_trend(frames):
    pc = link("pc_plans_issued_within_20_weeks")
    known = frames(date(2024, 7, 31))
    months = actuals.trend_periods(pc, date(2024, 7, 31), months=3)
    # May: plan 1 (within) 100.0; June: none issued, no value; July: plans 2 and 3, 1 of 2
    assert [(p.key, known.figure(pc.kpi, p).value) for p in months] == [
        ("2024-05", Decimal("100.0")), ("2024-06", None), ("2024-07", Decimal("50.0"))]
    stock = link("open_total", "open_assessments")
    assert [p.key for p in actuals.trend_periods(stock, date(2024, 7, 31), months=2)] == [
        "2024-06-30", "2024-07-31"]


def test_quarters_are_the_three_month_increments(frames):
    pc = link("plans_issued_den")
    quarters = actuals.quarter_periods(pc, date(2024, 12, 31), count=4)
    known = frames(date(2024, 12, 31))
    # Q2: plan 1 (May); Q3: plans 2 and 3 (July)
    assert [(q.key, known.figure("plans_issued_den", q).value) for q in quarters] == [
        ("2024-Q1", 0), ("2024-Q2", 1), ("2024-Q3", 2), ("2024-Q4", 0)]


def test_a_baseline_that_differs_from_the_records_is_flagged(frames):
    typed = link("pc_plans_issued_within_20_weeks", baseline_value=Decimal("13.2"),
                 baseline_period="2024-07")
    computed = actuals.baseline(typed, frames())
    assert (computed.period.label, computed.value) == ("Jul 2024", Decimal("50.0"))
    assert actuals.baseline_check(typed, computed) == (
        "The baseline typed into the plan (13.2) differs from the records' figure for "
        "Jul 2024 (50.0%).")
    agreed = link("pc_plans_issued_within_20_weeks", baseline_value=Decimal("50.0"),
                  baseline_period="2024-07")
    assert actuals.baseline_check(agreed, actuals.baseline(agreed, frames())) == ""
    assert actuals.baseline(link("plans_issued_den"), frames()) is None


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
    facts = facts_for_action(action, frames(review), review)
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
    area_suggestion = suggest(facts_for_area(area, frames(review), review), review)
    assert area_suggestion.rating == "amber"
    assert area_suggestion.reasons[0].startswith("action 6.3: milestone 'Plan agreed'")
    # an aggregate audience reads the reasons with its own figures: 3 plans is too few
    shown = facts_for_action(action, frames(review), review, frames(review, controlled=True))
    assert suggest(shown, review).reasons[1] == (
        "pc_plans_issued_within_20_weeks: c is some way short of the target 70.0 due "
        "2024-09-30")
