from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[2] / "src" / "sendassure" / "plan" / "data"
KENT = DATA / "kent-example.yaml"


@pytest.fixture
def kent_yaml() -> Path:
    return KENT
