from __future__ import annotations

from pathlib import Path

import pytest

from sendassure.synth import generate_area

YEARS = range(2020, 2025)
SCALE = 0.1  # a tenth of Kent: ~350-400 requests and ~2,000 active plans a year


@pytest.fixture(scope="session")
def kent_tenth(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("kent_tenth")
    generate_area("886", YEARS, SCALE, 2024, out, errors=True)
    return out


@pytest.fixture(scope="session")
def kent_tenth_clean(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("kent_tenth_clean")
    generate_area("886", YEARS, SCALE, 2024, out, errors=False)
    return out
