"""Suggested RAG rules (docs/rag-rules.md), each with a hand-worked case."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sendassure.kpis.spc import CONCERN, IMPROVEMENT, xmr
from sendassure.plan.rag import (
    AMBER,
    GREEN,
    RED,
    MeasureFact,
    MilestoneFact,
    RagFacts,
    Suggestion,
    check_rating,
    suggest,
)  # fmt: skip

REVIEW = date(2024, 5, 15)


def milestone_due(days_before_review: int, completed: date | None = None) -> RagFacts:
    due = date.fromordinal(REVIEW.toordinal() - days_before_review)
    return RagFacts("action 6.3", status="on_track",
                    milestones=(MilestoneFact("Backlog cleared", due, completed),))


def test_milestone_overdue_30_days_is_amber_31_is_red():
    # due 2024-04-15: 15 April to 15 May = 30 days
    thirty = suggest(milestone_due(30), REVIEW)
    assert thirty.rating == AMBER
    assert thirty.reasons == ["milestone 'Backlog cleared' due 2024-04-15 is 30 days overdue"]
    # due 2024-04-14: 31 days
    thirty_one = suggest(milestone_due(31), REVIEW)
    assert thirty_one.rating == RED
    assert thirty_one.reasons == [
        "milestone 'Backlog cleared' due 2024-04-14 is 31 days overdue (more than 30)"]


def test_milestone_due_on_the_review_date_or_done_by_it_is_not_overdue():
    assert suggest(milestone_due(0), REVIEW).rating == GREEN
    assert suggest(milestone_due(90, completed=REVIEW), REVIEW).rating == GREEN
    # completed after the review date: still outstanding on the review date
    late = suggest(milestone_due(90, completed=date(2024, 5, 16)), REVIEW)
    assert late.rating == RED


def measure(actual, direction="up", target=50, baseline=None, due=date(2024, 3, 31),
            concern=False) -> RagFacts:
    targets = ((due, Decimal(target)),) if target is not None else ()
    return RagFacts("area 6", measures=(MeasureFact(
        "pc_plans_issued_within_20_weeks", direction,
        None if actual is None else Decimal(str(actual)),
        None if baseline is None else Decimal(str(baseline)), targets, concern),))


def test_measure_at_under_and_over_its_milestone_target():
    # target 50, margin = 10% of 50 = 5
    assert suggest(measure(50), REVIEW).rating == GREEN  # at target
    assert suggest(measure(61.2), REVIEW).rating == GREEN  # better
    under = suggest(measure(45), REVIEW)  # 5 short = the margin: amber
    assert under.rating == AMBER
    assert under.reasons == ["pc_plans_issued_within_20_weeks: 45 is 5 short of the target "
                             "50 due 2024-03-31"]
    far = suggest(measure(44.9), REVIEW)  # 5.1 short: more than the margin
    assert far.rating == RED
    assert far.reasons == ["pc_plans_issued_within_20_weeks: 44.9 is 5.1 short of the target "
                           "50 due 2024-03-31 (more than 5)"]


def test_only_the_latest_milestone_due_by_the_review_counts():
    facts = RagFacts("area 6", measures=(MeasureFact(
        "pc", "up", Decimal("31"), None,
        ((date(2024, 3, 31), Decimal(30)), (date(2024, 9, 30), Decimal(50)))),))
    # on 2024-05-15 only the March target (30) is due: 31 beats it
    assert suggest(facts, REVIEW).rating == GREEN
    # on 2024-10-01 the September target (50) is due: 19 short, margin 5
    assert suggest(facts, date(2024, 10, 1)).rating == RED


def test_direction_down():
    # lower is better, target 100: margin 10
    assert suggest(measure(90, "down", 100), REVIEW).rating == GREEN
    assert suggest(measure(110, "down", 100), REVIEW).rating == AMBER  # 10 over
    assert suggest(measure(111, "down", 100), REVIEW).rating == RED  # 11 over
    # the margin is at least 1: target 0, actual 1 is amber, 2 is red
    assert suggest(measure(1, "down", 0), REVIEW).rating == AMBER
    assert suggest(measure(2, "down", 0), REVIEW).rating == RED


def test_worse_than_baseline_is_red_whatever_the_target():
    worse = suggest(measure(39.9, target=None, baseline=40), REVIEW)
    assert worse.rating == RED
    assert worse.reasons == ["pc_plans_issued_within_20_weeks: 39.9 is worse than its "
                             "baseline 40"]
    assert suggest(measure(40, target=None, baseline=40), REVIEW).rating == GREEN
    # lower is better: up from 12 to 13 is worse
    assert suggest(measure(13, "down", target=None, baseline=12), REVIEW).rating == RED


def test_no_value_is_amber():
    got = suggest(measure(None), REVIEW)
    assert got == Suggestion(AMBER, ["pc_plans_issued_within_20_weeks: no value on 2024-05-15"])


def test_special_cause_concern_from_an_xmr_chart_of_a_hand_series():
    # 11 points around 50, then 20. Mean = (551 + 20) / 12 = 47.58; moving ranges
    # 1,2,1,1,2,1,1,2,1,1,31 sum 44, mean 4.0; limits 47.58 -/+ 2.66 * 4 = 36.94..58.22;
    # 20 is below the lower limit: special cause, a concern when higher is better.
    values = [50, 51, 49, 50, 51, 49, 50, 51, 49, 50, 51, 20]
    chart = xmr(values, improvement="up")
    assert chart.points[-1].rules == ("outside",)
    assert chart.points[-1].variation == CONCERN
    assert xmr(values, improvement="down").points[-1].variation == IMPROVEMENT
    got = suggest(measure(50, concern=chart.points[-1].variation == CONCERN), REVIEW)
    assert got == Suggestion(RED, ["pc_plans_issued_within_20_weeks: special-cause concern "
                                   "at the latest point"])


def test_status_rules():
    assert suggest(RagFacts("a", status="off_track"), REVIEW) == Suggestion(
        RED, ["status is off track"])
    assert suggest(RagFacts("a", status="delayed"), REVIEW).rating == AMBER
    late = RagFacts("a", status="not_started", start_date=date(2024, 5, 1))
    assert suggest(late, REVIEW) == Suggestion(
        AMBER, ["not started, though due to start on 2024-05-01"])
    assert suggest(RagFacts("a", status="not_started", start_date=REVIEW), REVIEW).rating == GREEN


def test_completed_action_is_green_unless_a_milestone_is_overdue():
    bad_measure = measure(10).measures
    done = RagFacts("action 1.1", status="completed", measures=bad_measure)
    assert suggest(done, REVIEW) == Suggestion(GREEN, ["completed, with no overdue milestone"])
    embedded = RagFacts("action 1.1", status="embedded", measures=bad_measure,
                        milestones=milestone_due(31).milestones)
    assert suggest(embedded, REVIEW).rating == RED


def test_an_area_is_the_worst_of_its_measures_and_actions():
    amber_action = suggest(milestone_due(3), REVIEW)
    area = RagFacts("area 6", measures=measure(50).measures,
                    parts=(("action 6.3", amber_action), ("action 6.4", Suggestion(GREEN, []))))
    got = suggest(area, REVIEW)
    assert got.rating == AMBER
    assert got.reasons == ["action 6.3: milestone 'Backlog cleared' due 2024-05-12 is 3 days "
                           "overdue"]
    red_measure = RagFacts("area 6", measures=measure(30).measures, parts=area.parts)
    assert suggest(red_measure, REVIEW).rating == RED


def test_check_rating_needs_a_rationale_only_when_rating_differs():
    amber = Suggestion(AMBER, ["x"])
    assert check_rating("amber", amber, "") == []
    assert check_rating("green", amber, "  ") == [
        "rating green differs from the suggested amber: a rationale is required"]
    assert check_rating("green", amber, "Milestone met the day after the review.") == []
    assert check_rating("purple", amber, "why not") == [
        "unknown rating 'purple'; one of red, amber, green"]
