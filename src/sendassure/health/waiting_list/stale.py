"""Stale: an open entry with no first contact whose referral is more than N months
(default 6) before the reference date, the latest referral date loaded for the area
(never today's date: a file loaded a year late judges the same)."""

from __future__ import annotations

import calendar
from datetime import date

from . import Entry, Issue

CODE = "stale_no_contact"


def months_before(day: date, months: int) -> date:
    """The same day ``months`` earlier (the month's last day where it has fewer days)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def check(entries: list[Entry], reference: date, months: int) -> list[Issue]:
    cutoff = months_before(reference, months)
    return [Issue(e.provider_code, e.file_name, e.row, e.service, CODE,
                  f"no first contact; referred {e.referral_date.isoformat()}, more than "
                  f"{months} months before {reference.isoformat()}")
            for e in entries
            if e.open and e.first_contact_date is None and e.referral_date < cutoff]
