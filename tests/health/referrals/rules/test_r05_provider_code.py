"""HR05: the provider by its ODS code."""

import pytest

from .checks import findings


@pytest.mark.parametrize("value", ["RXY", "rxy", "RYX01", "NR5"])
def test_ods_codes_pass(value):
    assert findings("HR05", {"provider_code": value}) == []


@pytest.mark.parametrize("value", ["", "RX", "RXY-01", "Kent Community Health"])
def test_others_fail(value):
    assert [f[:2] for f in findings("HR05", {"provider_code": value})] == \
        [(2, "provider_code")]
