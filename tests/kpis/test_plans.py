"""Annual reviews (§1.5), caseload (§1.6) and phase transfers (§1.7)."""

from datetime import date
from decimal import Decimal

from sendassure.kpis.annual_reviews import annual_reviews, reviews_overdue
from sendassure.kpis.caseload import caseload
from sendassure.kpis.phase_transfers import phase_transfers


def test_annual_reviews(build):
    p = build.plan
    plans = build.plans([
        p(review_meeting=date(2024, 3, 1), last_review=date(2024, 3, 29)),  # d 28: on time
        p(review_meeting=date(2024, 3, 1), last_review=date(2024, 3, 30)),  # d 29: late
        p(review_meeting=date(2024, 12, 20), last_review=date(2025, 1, 10)),  # d 21, notified 2025
        p(review_meeting=date(2023, 12, 30), last_review=date(2024, 1, 2)),  # meeting in 2023
        p(review_meeting=None),
    ])
    result = annual_reviews(plans, 2024)
    # as of 31 Dec 2024 the third decision is not yet known: 1 of 3 on time
    assert (result.reviews_held, result.reviews_within_4_weeks) == (3, 1)
    assert result.pc_reviews_within_4_weeks == Decimal("33.3")
    later = annual_reviews(plans, 2024, as_of=date(2025, 1, 31))
    assert (later.reviews_held, later.reviews_within_4_weeks) == (3, 2)
    assert later.pc_reviews_within_4_weeks == Decimal("66.7")
    assert annual_reviews(plans, 2022).pc_reviews_within_4_weeks is None


def test_reviews_overdue(build):
    p = build.plan
    old = date(2020, 1, 1)
    plans = build.plans([
        p(old, review_meeting=date(2023, 6, 29)),                    # 12 months + 1 day: overdue
        p(old, review_meeting=date(2023, 6, 30)),                    # exactly 12 months: not
        p(date(2023, 6, 29)),                                        # no review, started > 12m
        p(date(2023, 6, 30)),                                        # no review, started 12m ago
        p(old, cease_date=date(2024, 5, 1), review_meeting=old),     # ceased: not active
        p(old, cease_date=date(2024, 7, 1), review_meeting=old),     # ceases after R: overdue
        p(date(2024, 7, 1)),                                         # starts after R
        p(old, review_meeting=date(2024, 8, 1)),                     # review after R: unknown
    ])
    result = reviews_overdue(plans, date(2024, 6, 30))
    assert result.ehcplans == 6
    assert result.reviews_overdue == 4


def test_caseload(build):
    p = build.plan
    r = date(2025, 1, 16)
    plans = build.plans([
        p(establishment_type="mainstream"),
        p(establishment_type="mainstream"),
        p(establishment_type="mainstream"),
        p(establishment_type="special"),
        p(establishment_type="other"),
        p(establishment_type=None),                                       # unknown: in total
        p(establishment_type="mainstream", cease_date=date(2024, 12, 1)),  # ceased
        p(establishment_type="mainstream", cease_date=r),                 # ceased on R
        p(establishment_type="special", cease_date=date(2025, 2, 1)),     # active on R
        p(date(2025, 1, 17), establishment_type="mainstream"),            # starts after R
    ])
    result = caseload(plans, r)
    assert result.ehcplans == 7
    assert result.mainstream_total == 3
    assert result.mainstream_total_pc == Decimal("42.9")  # 3/7 = 42.86
    assert result.special_total == 2
    assert result.special_total_pc == Decimal("28.6")  # 2/7 = 28.57
    assert caseload(build.plans([]), r).mainstream_total_pc is None


def test_phase_transfers(build):
    p = build.plan
    due = date(2025, 9, 1)
    plans = build.plans([
        # aged 11 on 31 Aug 2025: deadline 15 February
        p(phase_transfer_due_date=due, phase_transfer_final_date=date(2025, 2, 15),
          birth_month=date(2014, 5, 1)),
        p(phase_transfer_due_date=due, phase_transfer_final_date=date(2025, 2, 16),
          birth_month=date(2014, 5, 1)),
        # aged 16 on 31 Aug 2025 (born Aug 2009): secondary to post-16, 31 March
        p(phase_transfer_due_date=due, phase_transfer_final_date=date(2025, 3, 31),
          birth_month=date(2009, 8, 1)),
        # aged 15 (born Sep 2009): 15 February applies, so 1 March is late
        p(phase_transfer_due_date=due, phase_transfer_final_date=date(2025, 3, 1),
          birth_month=date(2009, 9, 1)),
        p(phase_transfer_due_date=date(2026, 9, 1), birth_month=date(2014, 5, 1)),  # other year
        p(phase_transfer_due_date=due, birth_month=date(2014, 5, 1)),  # not yet issued
        p(phase_transfer_due_date=due, phase_transfer_final_date=date(2025, 2, 10),
          birth_month=date(2014, 5, 1)),
    ])
    result = phase_transfers(plans, 2025)
    assert (result.phase_transfers_due, result.phase_transfers_on_time) == (6, 3)
    assert result.pc_phase_transfers_on_time == Decimal("50.0")
    # as of 1 February no final plan had been issued yet
    early = phase_transfers(plans, 2025, as_of=date(2025, 2, 1))
    assert (early.phase_transfers_due, early.phase_transfers_on_time) == (6, 0)
    assert early.pc_phase_transfers_on_time == Decimal("0.0")
