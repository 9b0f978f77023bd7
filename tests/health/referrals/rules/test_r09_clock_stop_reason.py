"""HR09: a clock stop reason exactly when the clock stopped, from the vocabulary."""

from .checks import findings


def test_stopped_with_a_reason_and_running_without_pass():
    assert findings("HR09", {"clock_stop_date": "2024-02-01", "clock_stop_reason": "Seen"},
                    {}) == []


def test_each_mismatch_fails():
    assert findings("HR09",
                    {"clock_stop_date": "2024-02-01"},
                    {"clock_stop_reason": "seen"},
                    {"clock_stop_date": "2024-02-01", "clock_stop_reason": "Mrs Jones"}) == [
        (2, "clock_stop_reason", "", "is required when the clock has stopped"),
        (3, "clock_stop_reason", "seen", "is given but the clock stop date is blank"),
        (4, "clock_stop_reason", "[shape Aaa Aaaaa, 9 characters]",
         "is not one of seen, treatment_started, discharged, declined, did_not_attend, "
         "moved_away, referred_elsewhere, other")]
