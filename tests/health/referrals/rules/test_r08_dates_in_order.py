"""HR08: dates in order."""

from .checks import findings


def test_dates_in_order_and_same_day_pass():
    assert findings("HR08", {"referral_date": "2024-01-10", "first_contact_date": "2024-01-10",
                             "clock_stop_date": "2024-03-01", "clock_stop_reason": "seen",
                             "ehc_advice_requested": "2024-02-01",
                             "ehc_advice_returned": "2024-02-01"}) == []


def test_each_pair_out_of_order_names_the_later_column():
    assert findings("HR08", {"referral_date": "2024-01-10", "first_contact_date": "2024-01-09",
                             "clock_stop_date": "2024-01-08", "clock_stop_reason": "seen",
                             "ehc_advice_requested": "2024-02-01",
                             "ehc_advice_returned": "2024-01-31"}) == [
        (2, "first_contact_date", "2024-01-09", "is before the referral date (2024-01-10)"),
        (2, "clock_stop_date", "2024-01-08", "is before the referral date (2024-01-10)"),
        (2, "clock_stop_date", "2024-01-08", "is before the first contact date (2024-01-09)"),
        (2, "ehc_advice_returned", "2024-01-31",
         "is before the advice was requested (2024-02-01)")]


def test_a_date_that_is_not_one_is_left_to_hr07():
    assert findings("HR08", {"first_contact_date": "yesterday"}) == []
