"""The promised dates of an enquiry: its reply and its update are due a number of
working days (England and Wales) after the day it was received, by its category's
urgency (``vocabulary``)."""

from __future__ import annotations

from datetime import date

from sendassure.kpis.working_days import add_working_days

from .vocabulary import Vocabulary


def promised(received_on: date, category: str, words: Vocabulary) -> dict:
    """``urgent``, ``reply_by`` and ``update_by`` for an enquiry."""
    return {"urgent": words.is_urgent(category),
            "reply_by": add_working_days(received_on, words.days(category, "reply")),
            "update_by": add_working_days(received_on, words.days(category, "update"))}
