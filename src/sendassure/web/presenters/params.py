"""Query and form parameters the pages share."""

from __future__ import annotations

from datetime import date

from sendassure.kpis.periods import PeriodError, parse_day


def as_of_param(request, name: str = "as_of") -> tuple[date | None, str]:
    """An optional ``?as_of=YYYY-MM-DD``: (the date or None, the problem or "")."""
    text = request.GET.get(name) or ""
    if not text:
        return None, ""
    try:
        return parse_day(text), ""
    except PeriodError as error:
        return None, f"Enter the as-of date as YYYY-MM-DD: {error}"


def form_day(text: str | None, earliest: date = date(2014, 1, 1)) -> date | None:
    """A form's ``YYYY-MM-DD`` date from ``earliest`` to 2100; None if it is not one."""
    try:
        value = date.fromisoformat((text or "").strip())
    except ValueError:
        return None
    return value if earliest <= value <= date(2100, 12, 31) else None
