"""HR02: birth month YYYY-MM; a full date of birth is not taken (nor shown)."""

import pytest

from .checks import findings


@pytest.mark.parametrize("value", ["2015-03", "2009-12", "2024-01", "2015-03-01"])
def test_a_month_passes(value):
    assert findings("HR02", {"birth_month": value}) == []


@pytest.mark.parametrize(("value", "shown"), [
    ("2015-13", "[shape 9999-99, 7 characters]"),
    ("2015-03-14", "[shape 9999-99-99, 10 characters]"),
    ("March 2015", "[shape Aaaaa 9999, 10 characters]"),
    ("1899-12", "[shape 9999-99, 7 characters]")])
def test_anything_else_fails_and_shows_its_shape(value, shown):
    assert findings("HR02", {"birth_month": value}) == [
        (2, "birth_month", shown, "is not a month YYYY-MM (a full date of birth is not taken)")]


def test_blank_is_required():
    assert findings("HR02", {"birth_month": ""}) == [(2, "birth_month", "", "is required")]
