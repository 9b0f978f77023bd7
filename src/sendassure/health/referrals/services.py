"""The services a referral may be to: a vocabulary held as data (code, name and the CHS
sitrep service it is counted under, blank where the sitrep has none, e.g. autism
assessment). ``settings.HEALTH_REFERRAL_SERVICES`` may name another CSV of the same
columns; the shipped one is ``health/data/referral_services.csv``."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings

SHIPPED = Path(__file__).resolve().parents[1] / "data" / "referral_services.csv"


@dataclass(frozen=True)
class Service:
    code: str
    name: str
    sitrep_service: str


@cache
def _read(path: Path) -> dict[str, Service]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return {row["code"].strip().lower(): Service(row["code"].strip().lower(),
                                                     row["name"].strip(),
                                                     row["sitrep_service"].strip())
                for row in csv.DictReader(handle)}


def services() -> dict[str, Service]:
    """Code (lower case) -> service."""
    return _read(Path(getattr(settings, "HEALTH_REFERRAL_SERVICES", "") or SHIPPED))
