"""Enquiries: the response measures ``sendassure enquiries summary`` prints and the hub
shows, over the enquiries received from ``start`` to ``end`` inclusive:

- ``received``: enquiries received in the period; ``urgent``: of those, urgent;
- ``replied``: of those, with a reply by the date known;
- ``on_time``: replied on or before the promised reply date (working days after the day
  received, by the category's urgency); ``pc_on_time``: of replied;
- ``escalated``: escalated at least once;
- ``median_working_days``: the median number of working days from the day received to
  the reply, over those replied (a half where the count is even).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from statistics import median

from .percent import percent
from .working_days import working_days_between


@dataclass(frozen=True)
class EnquiryRow:
    reference: str
    received_on: date
    channel: str
    category: str
    urgent: bool
    reply_by: date
    replied_on: date | None
    escalated: bool = False


def on_time(row: EnquiryRow) -> bool:
    return row.replied_on is not None and row.replied_on <= row.reply_by


def overdue(row: EnquiryRow, on: date) -> bool:
    """Not replied to by ``on`` and past its promised reply date."""
    return (row.replied_on is None or row.replied_on > on) and row.reply_by < on


def median_days(rows: Iterable[EnquiryRow]) -> Decimal | None:
    days = [working_days_between(r.received_on, r.replied_on) for r in rows
            if r.replied_on is not None]
    return Decimal(str(median(days))) if days else None


def summary(rows: Iterable[EnquiryRow], start: date, end: date) -> dict:
    received = [r for r in rows if start <= r.received_on <= end]
    replied = [r for r in received if r.replied_on is not None]
    timely = sum(1 for r in replied if on_time(r))
    return {"received": len(received), "urgent": sum(r.urgent for r in received),
            "replied": len(replied), "on_time": timely,
            "pc_on_time": percent(timely, len(replied)),
            "escalated": sum(r.escalated for r in received),
            "median_working_days": median_days(replied)}


BY = {"urgency": lambda r: "urgent" if r.urgent else "routine",
      "channel": lambda r: r.channel, "category": lambda r: r.category}


def summary_by(rows: Iterable[EnquiryRow], start: date, end: date,
               key: Callable[[EnquiryRow], str]) -> dict[str, dict]:
    """``summary`` of each group (by ``key``) of the enquiries received in the period,
    groups in name order."""
    rows = [r for r in rows if start <= r.received_on <= end]
    groups = sorted({key(r) for r in rows})
    return {g: summary([r for r in rows if key(r) == g], start, end) for g in groups}
