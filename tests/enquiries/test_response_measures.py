"""The response measures over enquiries worked by hand: received, replied, on time by
the promised date, urgent ones, escalated, median working days, and by channel."""

from datetime import date
from decimal import Decimal

from sendassure.kpis.enquiries import BY, EnquiryRow, overdue, summary, summary_by

D = date


def row(ref, received, reply_by, replied, urgent=False, channel="phone", escalated=False):
    return EnquiryRow(ref, received, channel, "general", urgent, reply_by, replied, escalated)


ROWS = [
    # received Thu 17 Apr 2025, promised Tue 22 Apr, replied then: on time, 1 working day
    row("E1", D(2025, 4, 17), D(2025, 4, 22), D(2025, 4, 22), urgent=True),
    # promised 19 May, replied 20 May: late, 11 working days (5 May a holiday)
    row("E2", D(2025, 5, 2), D(2025, 5, 19), D(2025, 5, 20), channel="email"),
    # replied the same day: 0 working days, on time
    row("E3", D(2025, 5, 6), D(2025, 5, 20), D(2025, 5, 6), channel="email",
        escalated=True),
    # not replied
    row("E4", D(2025, 6, 2), D(2025, 6, 16), None, urgent=True),
    # outside the period
    row("E5", D(2024, 12, 31), D(2025, 1, 2), D(2025, 1, 2)),
]


def test_summary():
    found = summary(ROWS, D(2025, 1, 1), D(2025, 12, 31))
    assert found == {"received": 4, "urgent": 2, "replied": 3, "on_time": 2,
                     "pc_on_time": Decimal("66.7"), "escalated": 1,
                     # working days 1, 11, 0: the median is 1
                     "median_working_days": Decimal("1")}


def test_summary_by_channel_and_urgency():
    by_channel = summary_by(ROWS, D(2025, 1, 1), D(2025, 12, 31), BY["channel"])
    assert list(by_channel) == ["email", "phone"]
    assert by_channel["email"]["on_time"] == 1 and by_channel["email"]["replied"] == 2
    # an even count: 0 and 11 -> 5.5
    assert by_channel["email"]["median_working_days"] == Decimal("5.5")
    by_urgency = summary_by(ROWS, D(2025, 1, 1), D(2025, 12, 31), BY["urgency"])
    assert by_urgency["urgent"]["received"] == 2 and by_urgency["urgent"]["replied"] == 1
    assert by_urgency["routine"]["pc_on_time"] == Decimal("50.0")


def test_overdue():
    assert overdue(ROWS[3], D(2025, 6, 17)) and not overdue(ROWS[3], D(2025, 6, 16))
    assert not overdue(ROWS[1], D(2025, 6, 1))  # replied (late), not overdue now
