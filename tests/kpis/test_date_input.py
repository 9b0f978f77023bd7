"""The one parser of dates typed into forms: a GOV.UK date input's day, month and year."""

from __future__ import annotations

from datetime import date

import pytest

from sendassure.kpis.periods import date_input


def parts(day: str, month: str, year: str) -> dict[str, str]:
    return {"d-day": day, "d-month": month, "d-year": year}


def test_a_real_date_is_read_and_three_blanks_are_no_date():
    assert date_input(parts("27", "3", "2024"), "d", "The date") == (date(2024, 3, 27), "")
    assert date_input(parts(" 1 ", "01", "2024"), "d", "The date") == (date(2024, 1, 1), "")
    assert date_input(parts("", "", ""), "d", "The date") == (None, "")
    assert date_input({}, "d", "The date") == (None, "")


@pytest.mark.parametrize("day, month, year", [
    ("31", "2", "2024"), ("x", "3", "2024"), ("27", "", "2024"), ("27", "13", "2024"),
    ("-1", "3", "2024"), ("27", "3", "24x")])
def test_anything_else_is_not_a_real_date(day, month, year):
    assert date_input(parts(day, month, year), "d", "The date") == (
        None, "The date must be a real date, like 27 3 2024")


def test_a_date_outside_the_years_handled_says_which_are():
    assert date_input(parts("1", "1", "2013"), "d", "The date") == (
        None, "The date must be between 1 Jan 2014 and 31 Dec 2100")
    assert date_input(parts("1", "1", "2101"), "d", "The date", earliest=date(2020, 6, 1)) == (
        None, "The date must be between 1 Jun 2020 and 31 Dec 2100")
