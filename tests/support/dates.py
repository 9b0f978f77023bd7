"""Posting a GOV.UK date input (day, month, year) as a browser would."""

from __future__ import annotations

from datetime import date


def date_fields(prefix: str, day: date | str) -> dict[str, str]:
    """``PREFIX-day``, ``-month`` and ``-year`` for a date (or a ``YYYY-MM-DD`` text)."""
    value = date.fromisoformat(day) if isinstance(day, str) else day
    return {f"{prefix}-day": str(value.day), f"{prefix}-month": str(value.month),
            f"{prefix}-year": str(value.year)}


def error_on(html: str, prefix: str, message: str) -> bool:
    """The message is shown on the field (its error message, the inputs marked) and the
    error summary links to the field's first input."""
    return (f'href="#{prefix}-day"' in html and f'id="{prefix}-error"' in html
            and "govuk-input--error" in html and message in html
            and html.count(message) >= 2)
