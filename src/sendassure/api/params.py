"""Reading and checking the API's query parameters: each problem is one clear message."""

from __future__ import annotations

from datetime import date

from sendassure.figures.registry import MEASURES
from sendassure.kpis import periods as P

MAX_POINTS = 120


class BadRequest(ValueError):
    pass


def measure(params) -> str:
    name = params.get("measure") or ""
    if name not in MEASURES:
        raise BadRequest(f"measure: {name!r} is not a registered measure (see /api/v1/measures)")
    return name


def area(params, user) -> str:
    code = params.get("area") or ""
    if not (len(code) == 3 and code.isdigit()):
        raise BadRequest(f"area: {code!r} is not a 3-digit LA code")
    if code not in user.area_codes:
        raise PermissionError(f"area {code} is not one of your areas")
    return code


def day(params, name: str, required: bool = False) -> date | None:
    text = params.get(name) or ""
    if not text:
        if required:
            raise BadRequest(f"{name}: give a date as YYYY-MM-DD")
        return None
    try:
        return P.parse_day(text)
    except P.PeriodError as error:
        raise BadRequest(f"{name}: {error}") from None


def period(params) -> P.Period:
    """``year=YYYY`` (a calendar year) or ``period=KEY`` (any period key), not both."""
    year, key = params.get("year") or "", params.get("period") or ""
    if bool(year) == bool(key):
        raise BadRequest("give either year=YYYY or period=KEY (e.g. 2024-Q3), not both")
    try:
        if year:
            if not (year.isdigit() and len(year) == 4):
                raise BadRequest(f"year: {year!r} is not a year like 2024")
            return P.parse(year)
        return P.parse(key)
    except P.PeriodError as error:
        raise BadRequest(f"{'year' if year else 'period'}: {error}") from None


SERIES_KINDS = (P.MONTH, P.QUARTER, P.CALENDAR_YEAR, P.ROLLING_3, P.ROLLING_12,
                P.POINT_IN_TIME)


def series_periods(params) -> list[P.Period]:
    kind = params.get("kind") or P.MONTH
    if kind not in SERIES_KINDS:
        raise BadRequest(f"kind: {kind!r} is not one of {', '.join(SERIES_KINDS)}")
    first, last = day(params, "from", True), day(params, "to", True)
    if first > last:
        raise BadRequest("from: must be on or before to")
    if (last - first).days > 31 * MAX_POINTS:
        raise BadRequest(f"to: a series has at most {MAX_POINTS} points")
    periods = P.between(kind, first, last)
    if len(periods) > MAX_POINTS:
        raise BadRequest(f"to: a series has at most {MAX_POINTS} points")
    return periods


def breakdown(params) -> str:
    text = (params.get("breakdown") or "").strip()
    if text and ("=" not in text or not text.split("=", 1)[1].strip()):
        raise BadRequest(f"breakdown: {text!r} is not dimension=value, e.g. sex=Male")
    return text


def flag(params, name: str) -> bool:
    """An optional 0/1 switch (absent: off)."""
    text = (params.get(name) or "0").strip()
    if text not in ("0", "1"):
        raise BadRequest(f"{name}: {text!r} is not 0 or 1")
    return text == "1"
