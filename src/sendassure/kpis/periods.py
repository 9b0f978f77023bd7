"""Periods a figure can be asked for, and their keys, labels and status.

A flow measure (plans issued, requests decided, reviews held) counts events dated in a
period; a stock measure (open assessments, active plans) is taken at the period's end.

| kind            | key             | period                                        |
|-----------------|-----------------|-----------------------------------------------|
| calendar_year   | ``2024``        | 1 January to 31 December                      |
| financial_year  | ``FY2024-25``   | 1 April 2024 to 31 March 2025                 |
| academic_year   | ``AY2024/25``   | 1 September 2024 to 31 August 2025            |
| quarter         | ``2024-Q3``     | calendar quarter (Q1 = January to March)      |
| month           | ``2024-03``     | a calendar month                              |
| rolling_3       | ``R3-2024-10``  | the 3 calendar months ending October 2024     |
| rolling_12      | ``R12-2024-10`` | the 12 calendar months ending October 2024    |
| point_in_time   | ``2024-12-31``  | one day (a stock measure's reference date)    |

A period's ``status`` as known on a date: ``final`` when it has ended by then,
``partial`` when it has begun but not ended, ``not_begun`` before it starts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

CALENDAR_YEAR = "calendar_year"
FINANCIAL_YEAR = "financial_year"
ACADEMIC_YEAR = "academic_year"
QUARTER = "quarter"
MONTH = "month"
ROLLING_3 = "rolling_3"
ROLLING_12 = "rolling_12"
POINT_IN_TIME = "point_in_time"

KINDS = (CALENDAR_YEAR, FINANCIAL_YEAR, ACADEMIC_YEAR, QUARTER, MONTH, ROLLING_3, ROLLING_12,
         POINT_IN_TIME)
KIND_LABELS = {
    CALENDAR_YEAR: "calendar year", FINANCIAL_YEAR: "financial year",
    ACADEMIC_YEAR: "academic year", QUARTER: "quarter", MONTH: "month",
    ROLLING_3: "rolling 3 months", ROLLING_12: "rolling 12 months",
    POINT_IN_TIME: "point in time",
}

FINAL = "final"
PARTIAL = "partial"
NOT_BEGUN = "not_begun"

MIN_YEAR, MAX_YEAR = 1990, 2100
MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
               "Dec")


def add_months(day: date, months: int) -> date:
    """The first of the month ``months`` after ``day``'s month."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def month_end(day: date) -> date:
    return add_months(day, 1) - timedelta(days=1)


def month_label(day: date) -> str:
    return f"{MONTH_NAMES[day.month - 1]} {day.year}"


def long_date(day: date) -> str:
    """One date style everywhere: 16 Jan 2025."""
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


@dataclass(frozen=True, order=True)
class Period:
    start: date
    end: date
    kind: str

    @property
    def key(self) -> str:
        s, e = self.start, self.end
        if self.kind == CALENDAR_YEAR:
            return f"{s.year}"
        if self.kind == FINANCIAL_YEAR:
            return f"FY{s.year}-{(s.year + 1) % 100:02d}"
        if self.kind == ACADEMIC_YEAR:
            return f"AY{s.year}/{(s.year + 1) % 100:02d}"
        if self.kind == QUARTER:
            return f"{s.year}-Q{(s.month - 1) // 3 + 1}"
        if self.kind == MONTH:
            return f"{s.year}-{s.month:02d}"
        if self.kind == ROLLING_3:
            return f"R3-{e.year}-{e.month:02d}"
        if self.kind == ROLLING_12:
            return f"R12-{e.year}-{e.month:02d}"
        return e.isoformat()

    @property
    def label(self) -> str:
        s, e = self.start, self.end
        if self.kind == CALENDAR_YEAR:
            return f"{s.year}"
        if self.kind == FINANCIAL_YEAR:
            return f"{s.year}-{(s.year + 1) % 100:02d} (April to March)"
        if self.kind == ACADEMIC_YEAR:
            return f"{s.year}/{(s.year + 1) % 100:02d} (September to August)"
        if self.kind == QUARTER:
            return f"{s.year} Q{(s.month - 1) // 3 + 1} ({month_label(s)} to {month_label(e)})"
        if self.kind == MONTH:
            return month_label(s)
        if self.kind in (ROLLING_3, ROLLING_12):
            months = 3 if self.kind == ROLLING_3 else 12
            return f"{months} months to {month_label(e)}"
        return long_date(e)

    @property
    def is_point(self) -> bool:
        return self.kind == POINT_IN_TIME

    def status(self, as_of: date) -> str:
        if as_of >= self.end:
            return FINAL
        return PARTIAL if as_of >= self.start else NOT_BEGUN

    def known_end(self, as_of: date) -> date:
        """The last day of the period that is known on ``as_of``."""
        return min(self.end, as_of)

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


def calendar_year(year: int) -> Period:
    return Period(date(year, 1, 1), date(year, 12, 31), CALENDAR_YEAR)


def financial_year(year: int) -> Period:
    """The financial year starting 1 April ``year``."""
    return Period(date(year, 4, 1), date(year + 1, 3, 31), FINANCIAL_YEAR)


def academic_year(year: int) -> Period:
    """The academic year starting 1 September ``year``."""
    return Period(date(year, 9, 1), date(year + 1, 8, 31), ACADEMIC_YEAR)


def quarter(year: int, number: int) -> Period:
    first = date(year, 3 * (number - 1) + 1, 1)
    return Period(first, month_end(add_months(first, 2)), QUARTER)


def month(year: int, number: int) -> Period:
    first = date(year, number, 1)
    return Period(first, month_end(first), MONTH)


def rolling(months: int, last_month: date) -> Period:
    kind = {3: ROLLING_3, 12: ROLLING_12}[months]
    return Period(add_months(last_month, 1 - months), month_end(last_month), kind)


def point(day: date) -> Period:
    return Period(day, day, POINT_IN_TIME)


def containing(kind: str, day: date) -> Period:
    """The period of ``kind`` that contains ``day`` (rolling windows end in its month)."""
    if kind == CALENDAR_YEAR:
        return calendar_year(day.year)
    if kind == FINANCIAL_YEAR:
        return financial_year(day.year if day.month >= 4 else day.year - 1)
    if kind == ACADEMIC_YEAR:
        return academic_year(day.year if day.month >= 9 else day.year - 1)
    if kind == QUARTER:
        return quarter(day.year, (day.month - 1) // 3 + 1)
    if kind == MONTH:
        return month(day.year, day.month)
    if kind in (ROLLING_3, ROLLING_12):
        return rolling(3 if kind == ROLLING_3 else 12, day.replace(day=1))
    if kind == POINT_IN_TIME:
        return point(day)
    raise ValueError(f"unknown period kind {kind!r}; one of {', '.join(KINDS)}")


def previous(period: Period) -> Period:
    """The period of the same kind just before (a rolling window one month earlier)."""
    if period.kind == POINT_IN_TIME:
        return point(period.end - timedelta(days=1))
    if period.kind in (ROLLING_3, ROLLING_12):
        return containing(period.kind, add_months(period.end.replace(day=1), -1))
    return containing(period.kind, period.start - timedelta(days=1))


def latest_complete(kind: str, day: date) -> Period:
    """The latest period of ``kind`` that has ended by ``day`` (a point: ``day`` itself)."""
    period = containing(kind, day)
    return period if period.end <= day else previous(period)


def between(kind: str, first: date, last: date) -> list[Period]:
    """Every period of ``kind`` from the one containing ``first`` to the one containing
    ``last``, oldest first (points: each month end, then ``last``)."""
    if kind == POINT_IN_TIME:
        days = []
        month_first = first.replace(day=1)
        while month_end(month_first) < last:
            if month_end(month_first) >= first:
                days.append(point(month_end(month_first)))
            month_first = add_months(month_first, 1)
        return days + [point(last)]
    found = [containing(kind, first)]
    stop = containing(kind, last)
    while found[-1] != stop:
        following = containing(kind, found[-1].end + timedelta(days=1)) if kind not in (
            ROLLING_3, ROLLING_12) else containing(kind, add_months(found[-1].end, 1))
        found.append(following)
    return found


_PATTERNS: tuple[tuple[re.Pattern, str], ...] = (
    (re.compile(r"^(\d{4})$"), CALENDAR_YEAR),
    (re.compile(r"^FY(\d{4})-(\d{2})$", re.I), FINANCIAL_YEAR),
    (re.compile(r"^AY(\d{4})/(\d{2})$", re.I), ACADEMIC_YEAR),
    (re.compile(r"^(\d{4})-Q([1-4])$", re.I), QUARTER),
    (re.compile(r"^(\d{4})-(\d{2})$"), MONTH),
    (re.compile(r"^R3-(\d{4})-(\d{2})$", re.I), ROLLING_3),
    (re.compile(r"^R12-(\d{4})-(\d{2})$", re.I), ROLLING_12),
    (re.compile(r"^(\d{4})-(\d{2})-(\d{2})$"), POINT_IN_TIME),
)
KEY_EXAMPLES = "2024, FY2024-25, AY2024/25, 2024-Q3, 2024-03, R3-2024-10, R12-2024-10 or 2024-12-31"


class PeriodError(ValueError):
    pass


def parse(text: str) -> Period:
    """A period from its key (see the module docstring); ``PeriodError`` says what is wrong."""
    text = (text or "").strip()
    for pattern, kind in _PATTERNS:
        found = pattern.match(text)
        if not found:
            continue
        numbers = [int(g) for g in found.groups()]
        year = numbers[0]
        if not MIN_YEAR <= year <= MAX_YEAR:
            raise PeriodError(f"{text!r}: the year must be between {MIN_YEAR} and {MAX_YEAR}")
        try:
            if kind == CALENDAR_YEAR:
                return calendar_year(year)
            if kind in (FINANCIAL_YEAR, ACADEMIC_YEAR):
                if numbers[1] != (year + 1) % 100:
                    raise PeriodError(f"{text!r}: the second year must follow the first")
                return (financial_year if kind == FINANCIAL_YEAR else academic_year)(year)
            if kind == QUARTER:
                return quarter(year, numbers[1])
            if kind == MONTH:
                return month(year, numbers[1])
            if kind in (ROLLING_3, ROLLING_12):
                return rolling(3 if kind == ROLLING_3 else 12, date(year, numbers[1], 1))
            return point(date(year, numbers[1], numbers[2]))
        except ValueError as error:
            if isinstance(error, PeriodError):
                raise
            raise PeriodError(f"{text!r} is not a real date") from error
    raise PeriodError(f"{text!r} is not a period: use a key such as {KEY_EXAMPLES}")


def parse_day(text: str) -> date:
    """A date as YYYY-MM-DD between the years the service handles; ``PeriodError``
    says what is wrong."""
    try:
        day = date.fromisoformat((text or "").strip())
    except ValueError:
        raise PeriodError(f"{text!r} is not a date as YYYY-MM-DD, for example 2024-12-31"
                          ) from None
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise PeriodError(f"{text!r}: the year must be between {MIN_YEAR} and {MAX_YEAR}")
    return day


def is_published_date(day: date, review_dates: frozenset[date] | set[date] = frozenset(),
                      data_to: date | None = None) -> bool:
    """Whether figures as known on ``day`` may be shown to aggregate audiences: a month
    end (so every quarter and year end), a review date, or the data's own end date."""
    return day == month_end(day) or day in review_dates or day == data_to


def published_on_or_before(day: date, review_dates=frozenset(),
                           data_to: date | None = None) -> date:
    """The latest published date (see ``is_published_date``) on or before ``day``."""
    candidates = [month_end(add_months(day, -1)) if day != month_end(day) else day]
    candidates += [d for d in review_dates if d <= day]
    if data_to is not None and data_to <= day:
        candidates.append(data_to)
    return max(candidates)


def date_input(data, prefix: str, what: str, earliest: date = date(2014, 1, 1)
               ) -> tuple[date | None, str]:
    """A GOV.UK date input's ``PREFIX-day``, ``-month``, ``-year`` from a form's data (any
    mapping): (the date or None, the problem or ""). All three blank is no date, not a
    problem. The one parser of dates typed into a form (web pages and the stores' form
    handlers alike)."""
    parts = [(data.get(f"{prefix}-{p}") or "").strip() for p in ("day", "month", "year")]
    if not any(parts):
        return None, ""
    example = "like 27 3 2024"
    if not all(p.isdigit() for p in parts):
        return None, f"{what} must be a real date, {example}"
    try:
        value = date(int(parts[2]), int(parts[1]), int(parts[0]))
    except ValueError:
        return None, f"{what} must be a real date, {example}"
    if not earliest <= value <= date(2100, 12, 31):
        return None, f"{what} must be between {long_date(earliest)} and 31 Dec 2100"
    return value, ""
