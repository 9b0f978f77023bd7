"""HR07: ISO dates; the referral date required, the others may be blank."""

from .checks import findings


def test_iso_dates_and_blanks_pass():
    assert findings("HR07", {"first_contact_date": "2024-02-29",
                             "ehc_advice_requested": "2024-01-02"}) == []


def test_a_missing_referral_date_and_bad_dates_fail():
    assert findings("HR07", {"referral_date": "", "first_contact_date": "10/01/2024",
                             "clock_stop_date": "2023-02-29"}) == [
        (2, "referral_date", "", "is required"),
        (2, "first_contact_date", "[shape 99/99/9999, 10 characters]",
         "is not a date YYYY-MM-DD"),
        (2, "clock_stop_date", "[shape 9999-99-99, 10 characters]",
         "is not a date YYYY-MM-DD")]
