from datetime import date
from decimal import Decimal

from sendassure.kpis.timeliness import timeliness

JAN1 = date(2024, 1, 1)


def cases(build):
    r = build.request
    i = build.issued
    return build.requests([
        i(JAN1, 140),                                   # within 20 weeks (boundary)
        i(JAN1, 141),                                   # 20-52 weeks
        i(JAN1, 364),                                   # 20-52 weeks (boundary)
        i(JAN1, 365),                                   # over 52 weeks, issued 31 Dec
        i(JAN1, 100, week20=True),                      # within; exception -> not in _ex
        i(JAN1, 200, request_mediation=True),           # excluded: mediation
        i(JAN1, 50, assessment_tribunal=True),          # excluded: tribunal
        i(JAN1, 60, assessment_mediation=True),         # excluded
        i(JAN1, 60, request_tribunal=True),             # excluded
        i(date(2023, 12, 1), 30),                       # issued 2023-12-31: other year
        i(date(2023, 11, 1), 65),                       # received 2023, issued 2024-01-05
        i(date(2024, 10, 1), 61),                       # issued 2024-12-01, d = 61
        r(JAN1, request_outcome="Y", assessment_outcome="N",
          assessment_outcome_date=date(2024, 3, 1)),    # not issued
        r(None, request_outcome="Y", assessment_outcome="Y",
          assessment_outcome_date=date(2024, 3, 1)),    # missing ReceivedDate
        r(date(2024, 5, 1), request_outcome="Y", assessment_outcome="Y",
          assessment_outcome_date=date(2024, 4, 1)),    # outcome before request
        r(JAN1, request_outcome="W", request_outcome_date=date(2024, 2, 1)),  # withdrawn
        r(None, request_outcome="H"),                   # historical
    ])


def test_year_population_boundaries_and_exceptions(build):
    result = timeliness(cases(build), 2024)
    # population d: 140, 141, 364, 365, 100(w20), 65, 61 -> 7
    assert result.plans_issued_den == 7
    assert result.plans_issued_within_20_weeks == 4  # 140, 100, 65, 61
    assert result.plans_issued_gt20weeks_ltyear == 2  # 141, 364
    assert result.plans_issued_gt_1_year == 1  # 365
    assert result.pc_plans_issued_within_20_weeks == Decimal("57.1")  # 4/7 = 57.14
    assert result.pc_plans_issued_gt20weeks_ltyear == Decimal("28.6")  # 2/7 = 28.57
    assert result.pc_plans_issued_gt_1_year == Decimal("14.3")  # 1/7 = 14.29
    # sum d = 140+141+364+365+100+65+61 = 1236; mean weeks = 1236/49 = 25.22
    assert result.avg_weeks_issue_plan == Decimal("25.2")
    # less the Week20 case: 140, 141, 364, 365, 65, 61
    assert result.plans_issued_den_ex == 6
    assert result.plans_issued_20_weeks_ex == 3
    assert result.plans_issued_gt20weeks_ltyear_ex == 2
    assert result.plans_issued_gt_1_year_ex == 1
    assert result.pc_plans_issued_20_weeks_ex == Decimal("50.0")
    assert result.pc_plans_issued_gt20weeks_ltyear_ex == Decimal("33.3")  # 2/6
    assert result.pc_plans_issued_gt_1_year_ex == Decimal("16.7")  # 1/6
    # (1236 - 100) / 42 = 27.05
    assert result.avg_weeks_issue_plan_exc == Decimal("27.0")


def test_other_year_takes_the_cross_year_case(build):
    result = timeliness(cases(build), 2023)
    # only the case received 2023-12-01 and issued 2023-12-31 (d = 30)
    assert result.plans_issued_den == 1
    assert result.plans_issued_within_20_weeks == 1
    assert result.avg_weeks_issue_plan == Decimal("4.3")  # 30/7 = 4.29


def test_outcomes_after_as_of_are_not_known(build):
    result = timeliness(cases(build), 2024, as_of=date(2024, 11, 30))
    # unknown on 30 November: issued 2024-12-01 (d 61), 2024-12-30 (d 364), 2024-12-31 (d 365)
    # known population: 140, 141, 100 (w20), 65
    assert result.plans_issued_den == 4
    assert result.plans_issued_within_20_weeks == 3
    assert result.pc_plans_issued_within_20_weeks == Decimal("75.0")
    assert result.plans_issued_gt_1_year == 0
    # sum 446 / 28 = 15.93
    assert result.avg_weeks_issue_plan == Decimal("15.9")
    # less the exception: 140, 141, 65 -> 2 of 3 = 66.67; (446 - 100) / 21 = 16.48
    assert result.plans_issued_den_ex == 3
    assert result.pc_plans_issued_20_weeks_ex == Decimal("66.7")
    assert result.avg_weeks_issue_plan_exc == Decimal("16.5")


def test_zero_denominator_gives_none(build):
    result = timeliness(build.requests([]), 2024)
    assert result.plans_issued_den == 0
    assert result.pc_plans_issued_within_20_weeks is None
    assert result.avg_weeks_issue_plan is None
    assert result.pc_plans_issued_20_weeks_ex is None


def test_all_exceptions_gives_none_for_ex(build):
    result = timeliness(build.requests([build.issued(JAN1, 10, week20=True)]), 2024)
    assert result.plans_issued_den == 1
    assert result.plans_issued_den_ex == 0
    assert result.pc_plans_issued_20_weeks_ex is None
    assert result.avg_weeks_issue_plan_exc is None


def test_as_dict_uses_catalogue_names(build):
    names = set(timeliness(build.requests([]), 2024).as_dict())
    assert {"plans_issued_den", "pc_plans_issued_gt20weeks_ltyear", "avg_weeks_issue_plan_exc",
            "plans_issued_20_weeks_ex", "pc_plans_issued_gt_1_year_ex"} <= names
    assert len(names) == 16
