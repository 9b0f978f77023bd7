"""Age out of range for a children's service: born after the referral (the birth month
begins after the referral date), or certainly an adult when referred (their
``adult_age`` birthday had passed even if born on the last day of the birth month).
Only the birth month is held, so an age is never overstated."""

from __future__ import annotations

import calendar
from datetime import date

from . import Entry, Issue

CODE = "age_out_of_range"


def _youngest_age(birth_month: date, on: date) -> int:
    """Completed years on ``on`` if born on the last day of ``birth_month``."""
    born = birth_month.replace(day=calendar.monthrange(birth_month.year,
                                                       birth_month.month)[1])
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def check(entries: list[Entry], adult_age: int) -> list[Issue]:
    issues = []
    for e in entries:
        if e.birth_month.replace(day=1) > e.referral_date:
            detail = f"born ({e.birth_month:%Y-%m}) after the referral date"
        elif _youngest_age(e.birth_month, e.referral_date) >= adult_age:
            detail = (f"aged {adult_age} or over when referred (born "
                      f"{e.birth_month:%Y-%m}, referred {e.referral_date.isoformat()})")
        else:
            continue
        issues.append(Issue(e.provider_code, e.file_name, e.row, e.service, CODE, detail))
    return issues
