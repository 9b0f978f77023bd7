"""Query and form parameters the pages share."""

from __future__ import annotations

from datetime import date

from sendassure.kpis.periods import PeriodError, date_input, parse_day

__all__ = ["as_of_param", "date_input"]


def as_of_param(request, name: str = "as_of") -> tuple[date | None, str]:
    """An optional ``?as_of=YYYY-MM-DD``: (the date or None, the problem or "")."""
    text = request.GET.get(name) or ""
    if not text:
        return None, ""
    try:
        return parse_day(text), ""
    except PeriodError as error:
        return None, f"Enter the as-of date as YYYY-MM-DD: {error}"

