"""Query and form parameters the pages share."""

from __future__ import annotations

from datetime import date

from sendassure.kpis.periods import PeriodError, long_date, parse_day


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


def date_input(data, prefix: str, what: str, earliest: date = date(2014, 1, 1)
               ) -> tuple[date | None, str]:
    """A GOV.UK date input's ``PREFIX-day``, ``-month``, ``-year``: (the date or None, the
    problem or ""). All three blank is no date, not a problem."""
    parts = [(data.get(f"{prefix}-{p}") or "").strip() for p in ("day", "month", "year")]
    if not any(parts):
        return None, ""
    example = "like 27 3 2024"
    if not all(p.isdigit() for p in parts):
        return None, f"{what} must be a real date, {example}"
    try:
        value = date(int(parts[2]), int(parts[1]), int(parts[0]))
    except ValueError:
        return None, f"{what} must be a real date, {example}"
    if not earliest <= value <= date(2100, 12, 31):
        return None, f"{what} must be between {long_date(earliest)} and 31 Dec 2100"
    return value, ""
