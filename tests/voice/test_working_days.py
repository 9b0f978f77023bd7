"""Working-day deadlines across Easter, the May bank holidays, Christmas and a year
boundary (England and Wales), worked by hand from the 2024-25 calendar."""

from datetime import date

import pytest

from sendassure.kpis.working_days import add_working_days, is_working_day


@pytest.mark.parametrize("received, days, due", [
    # Thu 28 Mar 2024; Good Friday 29 Mar and Easter Monday 1 Apr are holidays:
    # 2, 3, 4, 5, 8, 9, 10, 11, 12, 15 April
    (date(2024, 3, 28), 10, date(2024, 4, 15)),
    # Fri 3 May; Mon 6 May early May bank holiday: 7-10, 13-17, 20 May
    (date(2024, 5, 3), 10, date(2024, 5, 20)),
    # Fri 24 May; Mon 27 May spring bank holiday
    (date(2024, 5, 24), 1, date(2024, 5, 28)),
    # Mon 23 Dec 2024; 25, 26 Dec and 1 Jan are holidays: 24, 27, 30, 31 Dec, 2, 3, 6,
    # 7, 8, 9 Jan
    (date(2024, 12, 23), 10, date(2025, 1, 9)),
    # received on a Saturday: the count starts on Monday 23 Dec; 20 working days
    (date(2024, 12, 21), 20, date(2025, 1, 22)),
    (date(2024, 6, 3), 0, date(2024, 6, 3)),
])
def test_deadlines(received, days, due):
    assert add_working_days(received, days) == due


def test_working_days():
    assert not is_working_day(date(2024, 12, 25)) and not is_working_day(date(2024, 12, 28))
    assert is_working_day(date(2024, 12, 27))
    with pytest.raises(ValueError):
        add_working_days(date(2024, 1, 1), -1)
