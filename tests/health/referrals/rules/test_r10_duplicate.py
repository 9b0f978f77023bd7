"""HR10: one row per referral (NHS number, service, provider, referral date)."""

from ..extracts import CHILD_B
from .checks import findings


def test_a_repeat_is_found_however_the_number_is_spaced():
    assert findings("HR10", {}, {"nhs_number": "999 000 0018", "service": "SALT"}) == [
        (3, "nhs_number", "[shape 999 999 9999, 12 characters]",
         "repeats the referral on row 2 (same NHS number, service, provider and date)")]


def test_a_different_child_service_provider_or_date_is_no_repeat():
    assert findings("HR10", {}, {"nhs_number": CHILD_B}, {"service": "ot"},
                    {"provider_code": "RYX"}, {"referral_date": "2024-01-11"}) == []
