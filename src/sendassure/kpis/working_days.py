"""Working days in England and Wales: weekdays that are not bank holidays, from the
``govuk-bank-holidays`` package's own copy of GOV.UK's list (never fetched over the
network, never a hand-kept list).

``add_working_days(day, n)``: the ``n``-th working day after ``day`` (the day itself
never counts, whatever day it is), as in "respond within 10 working days of the day the
complaint was received".
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

from govuk_bank_holidays.bank_holidays import BankHolidays

DIVISION = BankHolidays.ENGLAND_AND_WALES


@cache
def _calendar() -> BankHolidays:
    return BankHolidays(use_cached_holidays=True)


@cache
def holidays(year: int) -> frozenset[date]:
    return frozenset(h["date"] for h in _calendar().get_holidays(division=DIVISION, year=year))


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in holidays(day.year)


def add_working_days(day: date, n: int) -> date:
    if n < 0:
        raise ValueError("count working days forwards only")
    current = day
    while n:
        current += timedelta(days=1)
        if is_working_day(current):
            n -= 1
    return current


def working_days_between(start: date, end: date) -> int:
    """How many working days after ``start`` ``end`` is: the working days in
    (``start``, ``end``]; 0 when ``end`` is on or before ``start``."""
    count, current = 0, start
    while current < end:
        current += timedelta(days=1)
        count += is_working_day(current)
    return count
