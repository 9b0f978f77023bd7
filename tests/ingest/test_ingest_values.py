"""Parsing helpers: dates, ages, identifiers, postcodes, code lists."""

from __future__ import annotations

from datetime import date

import pytest

from sendassure.sen2 import values


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-01-18", date(2024, 1, 18)),
        (" 2024-01-18\n", date(2024, 1, 18)),
        ("2024-01-18T00:00:00", date(2024, 1, 18)),  # a time is tolerated and dropped
        ("2024-01-18 09:30", date(2024, 1, 18)),
        ("2024-01-18Z", date(2024, 1, 18)),
        ("2024-02-30", None),
        ("18/01/2024", None),
        ("XXXX-12-01", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_date(text, expected):
    assert values.parse_date(text) == expected


def test_age_on_and_month_of_birth():
    # Born 2012-03-04: 12 on 2025-01-16 (birthday not yet reached), 13 on 2025-03-04.
    assert values.age_on(date(2012, 3, 4), date(2025, 1, 16)) == 12
    assert values.age_on(date(2012, 3, 4), date(2025, 3, 4)) == 13
    # A 29 February birthday is reached on 1 March in a common year.
    assert values.age_on(date(2008, 2, 29), date(2025, 2, 28)) == 16
    assert values.age_on(date(2008, 2, 29), date(2025, 3, 1)) == 17
    assert values.month_of_birth(date(2012, 3, 4)) == date(2012, 3, 1)


def test_upn_format_and_check_letter():
    # B801200005001: 8*2 + 1*4 + 2*5 + 5*10 + 1*13 = 93; 93 mod 23 = 1 -> B.
    assert values.upn_check_letter("B801200005001") == "B"
    assert values.is_upn("B801200005001")
    assert not values.is_upn("A801200005001")
    # Temporary UPN: final A counts 0, so the digits alone give 8*2+1*4+2*5+5*10 = 80,
    # 80 mod 23 = 11 -> M.
    assert values.upn_check_letter("X80120000500A") == "M"
    assert values.is_upn_format("X80120000500A")
    for bad in ("X1234567898765", "X12345678901", "x801200005001", "", None):
        assert not values.is_upn_format(bad)


def test_other_identifiers():
    assert values.is_uln("1234567890") and not values.is_uln("123456789")
    assert values.is_urn("1") and values.is_urn("999999") and not values.is_urn("1234567")
    assert values.is_ukprn("10012345") and not values.is_ukprn("1001234")
    assert values.is_la_code("886") and not values.is_la_code("XX")


@pytest.mark.parametrize(
    ("postcode", "district"),
    [
        ("ME14 1XX", "ME14"),
        ("me141xx", "ME14"),
        ("SW1A 1AA", "SW1A"),
        ("B1 1AA", "B1"),
        ("AA11AA", "AA1"),
        ("KENT", None),
        (None, None),
    ],
)
def test_postcode_district(postcode, district):
    # The inward code is always a digit and two letters, so AA11AA is AA1 1AA.
    assert values.postcode_district(postcode) == district


def test_code_lists_have_labels_and_parse_exactly():
    assert values.RequestOutcome.parse("H") is values.RequestOutcome.HISTORICAL
    assert values.RequestOutcome.parse("h") is None
    assert values.Sex.codes() == ("M", "F")
    assert values.CeaseReason.parse("8").label == "Person deceased"
    assert values.YesNoRecruiting.parse("R").label == "Recruitment in progress"
    assert len(values.SENtype.codes()) == 13
    assert values.PLAN_DETAIL_SETTINGS < set(values.SENSetting.codes())
    assert values.is_ethnicity("WBRI") and not values.is_ethnicity("XXXX")
