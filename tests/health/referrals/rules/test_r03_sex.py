"""HR03: sex M, F, I, U or NHS codes 1, 2, 9, 0."""

import pytest

from .checks import findings


@pytest.mark.parametrize("value", ["M", "f", "I", "U", "1", "2", "9", "0"])
def test_known_codes_pass(value):
    assert findings("HR03", {"sex": value}) == []


@pytest.mark.parametrize(("value", "shown"), [("Male", "[shape Aaaa, 4 characters]"),
                                              ("3", "[shape 9, 1 character]"), ("", "")])
def test_others_fail(value, shown):
    assert findings("HR03", {"sex": value}) == [
        (2, "sex", shown, "is not one of M, F, I, U (or 1, 2, 9, 0)")]
