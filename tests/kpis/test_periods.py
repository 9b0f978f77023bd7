from datetime import date

import pytest

from sendassure.kpis import periods as p


@pytest.mark.parametrize("key, start, end, label", [
    ("2024", date(2024, 1, 1), date(2024, 12, 31), "2024"),
    ("FY2024-25", date(2024, 4, 1), date(2025, 3, 31), "2024-25 (April to March)"),
    ("AY2023/24", date(2023, 9, 1), date(2024, 8, 31), "2023/24 (September to August)"),
    ("2024-Q1", date(2024, 1, 1), date(2024, 3, 31), "2024 Q1 (Jan 2024 to Mar 2024)"),
    ("2024-02", date(2024, 2, 1), date(2024, 2, 29), "Feb 2024"),
    ("R3-2024-02", date(2023, 12, 1), date(2024, 2, 29), "3 months to Feb 2024"),
    ("R12-2024-10", date(2023, 11, 1), date(2024, 10, 31), "12 months to Oct 2024"),
    ("2025-01-16", date(2025, 1, 16), date(2025, 1, 16), "16 Jan 2025"),
])
def test_keys_round_trip(key, start, end, label):
    period = p.parse(key)
    assert (period.start, period.end, period.label, period.key) == (start, end, label, key)


@pytest.mark.parametrize("text, problem", [
    ("24", "is not a period"), ("2024-13", "not a real date"), ("FY2024-26", "must follow"),
    ("2024-02-30", "not a real date"), ("0001", "between 1990"), ("", "is not a period"),
])
def test_bad_keys_say_why(text, problem):
    with pytest.raises(p.PeriodError, match=problem):
        p.parse(text)


def test_status_as_known_on_a_date():
    year = p.calendar_year(2025)
    assert year.status(date(2025, 1, 16)) == p.PARTIAL
    assert year.status(date(2025, 12, 31)) == p.FINAL
    assert year.status(date(2024, 12, 31)) == p.NOT_BEGUN
    assert year.known_end(date(2025, 1, 16)) == date(2025, 1, 16)


def test_containing_previous_and_latest_complete():
    day = date(2024, 11, 15)
    assert p.containing(p.FINANCIAL_YEAR, day).key == "FY2024-25"
    assert p.containing(p.FINANCIAL_YEAR, date(2024, 3, 31)).key == "FY2023-24"
    assert p.containing(p.ACADEMIC_YEAR, date(2024, 8, 31)).key == "AY2023/24"
    assert p.latest_complete(p.MONTH, day).key == "2024-10"
    assert p.latest_complete(p.ROLLING_12, day).key == "R12-2024-10"
    assert p.latest_complete(p.CALENDAR_YEAR, date(2024, 12, 31)).key == "2024"
    assert p.latest_complete(p.QUARTER, day).key == "2024-Q3"
    assert p.previous(p.parse("2024-Q1")).key == "2023-Q4"


def test_between_lists_every_period():
    assert [q.key for q in p.between(p.QUARTER, date(2023, 11, 5), date(2024, 4, 1))] == [
        "2023-Q4", "2024-Q1", "2024-Q2"]
    assert [r.key for r in p.between(p.ROLLING_3, date(2024, 1, 9), date(2024, 3, 2))] == [
        "R3-2024-01", "R3-2024-02", "R3-2024-03"]
    points = p.between(p.POINT_IN_TIME, date(2024, 10, 15), date(2025, 1, 16))
    assert [x.key for x in points] == ["2024-10-31", "2024-11-30", "2024-12-31", "2025-01-16"]


def test_published_dates():
    reviews = {date(2024, 11, 15)}
    assert p.is_published_date(date(2024, 2, 29))
    assert p.is_published_date(date(2024, 11, 15), reviews)
    assert not p.is_published_date(date(2024, 11, 14), reviews)
    assert p.published_on_or_before(date(2024, 11, 20), reviews) == date(2024, 11, 15)
    assert p.published_on_or_before(date(2025, 1, 4)) == date(2024, 12, 31)
    assert p.published_on_or_before(date(2025, 1, 20), data_to=date(2025, 1, 16)) == date(
        2025, 1, 16)
