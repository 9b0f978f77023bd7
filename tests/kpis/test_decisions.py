from datetime import date, timedelta
from decimal import Decimal

from sendassure.kpis.decisions import decisions
from sendassure.kpis.not_to_issue import not_to_issue

JAN1 = date(2024, 1, 1)


def decided(received, days, outcome, **fields):
    return dict(received=received, request_outcome=outcome,
                request_outcome_date=received + timedelta(days=days), **fields)


def frame(build):
    r = build.request
    rows = [
        decided(JAN1, 42, "Y"),                        # r1 within 6 weeks (boundary)
        decided(JAN1, 43, "N"),                        # r2 late, refused
        decided(date(2023, 12, 1), 35, "N"),           # r3 received 2023, decided 2024-01-05
        dict(received=date(2024, 3, 1)),               # r4 outcome A: received only
        dict(received=date(2024, 3, 1), request_outcome="H"),   # r5 historical: not received
        dict(received=date(2024, 2, 1), request_outcome="W",
             request_outcome_date=date(2024, 2, 20)),  # r6 withdrawn: received, not decided
        decided(date(2024, 11, 1), 70, "Y"),           # r7 decided 2025-01-10
        decided(date(2024, 6, 1), 202, "Y"),           # r8 decided 2024-12-20, d 202
        dict(received=None, request_outcome="N",
             request_outcome_date=date(2024, 5, 1)),   # r9 no ReceivedDate: unusable
    ]
    return build.requests([r(row.pop("received"), **row) for row in rows])


def test_year(build):
    result = decisions(frame(build), 2024)
    # received in 2024, not H: r1 r2 r4 r6 r7 r8 = 6
    assert result.requests_received == 6
    # decided in 2024: r1 r2 r3 r8 = 4; within 42 days: r1 (42), r3 (35) = 2
    assert result.requests_decided == 4
    assert result.decided_within_6_weeks == 2
    assert result.pc_decided_within_6_weeks == Decimal("50.0")
    assert result.requests_refused == 2  # r2, r3
    assert result.pc_requests_refused == Decimal("50.0")


def test_as_of_hides_later_decision(build):
    result = decisions(frame(build), 2024, as_of=date(2024, 12, 15))
    # r8's decision (20 Dec) is not known: decided r1 r2 r3; within 2 of 3 = 66.67
    assert result.requests_received == 6
    assert result.requests_decided == 3
    assert result.pc_decided_within_6_weeks == Decimal("66.7")
    assert result.pc_requests_refused == Decimal("66.7")


def test_empty_year(build):
    result = decisions(frame(build), 2020)
    assert (result.requests_decided, result.pc_decided_within_6_weeks) == (0, None)
    assert result.pc_requests_refused is None


def test_not_to_issue(build):
    r = build.request

    def assessed(received, days, outcome, **fields):
        return r(received, request_outcome="Y", request_outcome_date=received,
                 assessment_outcome=outcome,
                 assessment_outcome_date=received + timedelta(days=days), **fields)

    requests = build.requests([
        assessed(JAN1, 112, "N"),                          # within 16 weeks (boundary)
        assessed(JAN1, 113, "N"),                          # late
        assessed(JAN1, 50, "Y"),                           # a plan: not in population
        assessed(date(2024, 12, 1), 32, "N"),              # dated 2025-01-02: other year
        assessed(JAN1, 50, "N", assessment_mediation=True),  # mediation does not exclude
        r(None, request_outcome="Y", assessment_outcome="N",
          assessment_outcome_date=date(2024, 4, 1)),       # no ReceivedDate: unusable
    ])
    result = not_to_issue(requests, 2024)
    assert result.not_to_issue == 3
    assert result.not_to_issue_within_16_weeks == 2  # 112 and 50
    assert result.pc_not_to_issue_within_16_weeks == Decimal("66.7")
    # 2025 as of 1 January: the 2 January decision is not yet known
    assert not_to_issue(requests, 2025, as_of=date(2025, 1, 1)).not_to_issue == 0
    assert not_to_issue(requests, 2025).not_to_issue == 1
    assert not_to_issue(requests, 2023).pc_not_to_issue_within_16_weeks is None
