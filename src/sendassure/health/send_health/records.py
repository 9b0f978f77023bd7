"""What the SEND x health figures are computed from, read once for an area: its referrals
(NHS numbers as keyed hashes only), the identifiers file's links, and its SEN2 case
frames with each person's UPN hash. The figures themselves (``figures``) are pure
functions of these records and a date."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

import polars as pl

from sendassure.casework.frames import active_plans_for, requests_for
from sendassure.casework.models import Person

from ..referral_models import Referral
from .identifiers import linked


class ReferralRow(NamedTuple):
    nhs_key: str
    service: str
    referral_date: date
    first_contact_date: date | None
    clock_stop_date: date | None
    ehc_advice_requested: date | None
    ehc_advice_returned: date | None


DATES = ReferralRow._fields[2:]


@dataclass(frozen=True)
class Records:
    la: str
    referrals: tuple[ReferralRow, ...]
    links: dict[str, set[str]]  # UPN hash -> NHS number hashes (empty: no file held)
    plans: pl.DataFrame | None = None  # SEN2 active plans (read only with links)
    requests: pl.DataFrame | None = None  # SEN2 requests (read only with links)
    person_keys: dict[int, str] = field(default_factory=dict)  # Person id -> UPN hash


def referral_rows(la: str) -> tuple[ReferralRow, ...]:
    return tuple(ReferralRow(*r) for r in Referral.objects.filter(la=la).order_by("id")
                 .values_list("nhs_key", *ReferralRow._fields[1:]))


Frames = Callable[[str], tuple[pl.DataFrame, pl.DataFrame]]  # la -> (plans, requests)


def _frames(la: str) -> tuple[pl.DataFrame, pl.DataFrame]:
    return active_plans_for([la]), requests_for([la])


def case_records(la: str, frames: Frames = _frames
                 ) -> tuple[pl.DataFrame, pl.DataFrame, dict[int, str]]:
    """The area's SEN2 active plans and requests, and each person's UPN hash."""
    keys = dict(Person.objects.filter(la=la).values_list("id", "match_key"))
    return *frames(la), keys


def read(la: str, frames: Frames = _frames) -> Records:
    """``frames``: where the SEN2 frames come from (the figures service passes the ones
    it already holds)."""
    links = linked(la)
    if not links:  # no join can be made: the case records are not needed
        return Records(la, referral_rows(la), links)
    return Records(la, referral_rows(la), links, *case_records(la, frames))
