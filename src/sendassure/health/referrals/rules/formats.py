"""Each column's format: whether a cell's text is a value of its column, and the value
it stands for. A cell failing its format is shown and kept only by its shape."""

from __future__ import annotations

import re
from datetime import date, datetime

import nhs_number as nhs

from ..services import services

DATES = ("referral_date", "first_contact_date", "clock_stop_date", "ehc_advice_requested",
         "ehc_advice_returned")
EARLIEST, LATEST = date(1900, 1, 1), date(2100, 12, 31)
SEXES = {"M": "M", "F": "F", "I": "I", "U": "U", "1": "M", "2": "F", "9": "I", "0": "U"}
PRIORITIES = ("urgent", "routine")
CLOCK_STOP_REASONS = ("seen", "treatment_started", "discharged", "declined",
                      "did_not_attend", "moved_away", "referred_elsewhere", "other")
_MONTH = re.compile(r"\d{4}-\d{2}")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_PROVIDER = re.compile(r"[A-Z0-9]{3,6}")


def nhs_number(text: str) -> str | None:
    """The ten digits of a valid NHS number (spaces and hyphens between groups allowed),
    else None."""
    digits = re.sub(r"[ -]", "", text.strip())
    if not (len(digits) == 10 and digits.isascii() and digits.isdigit()):
        return None
    return digits if nhs.is_valid(digits) else None


def birth_month(text: str) -> date | None:
    """YYYY-MM; or YYYY-MM-01, which is how a spreadsheet holds a month typed into a
    date cell (any other day is a full date of birth and is not taken)."""
    text = text.strip()
    if _DAY.fullmatch(text) and text.endswith("-01"):
        text = text[:7]
    if not _MONTH.fullmatch(text):
        return None
    try:
        month = datetime.strptime(text, "%Y-%m").date()
    except ValueError:
        return None
    return month if EARLIEST <= month <= LATEST else None


def day(text: str) -> date | None:
    """An ISO date (YYYY-MM-DD) from 1900 to 2100."""
    if not _DAY.fullmatch(text.strip()):
        return None
    try:
        value = date.fromisoformat(text.strip())
    except ValueError:
        return None
    return value if EARLIEST <= value <= LATEST else None


def sex(text: str) -> str | None:
    return SEXES.get(text.strip().upper())


def service(text: str) -> str | None:
    code = text.strip().lower()
    return code if code in services() else None


def provider_code(text: str) -> str | None:
    code = text.strip().upper()
    return code if _PROVIDER.fullmatch(code) else None


def priority(text: str) -> str | None:
    value = text.strip().lower()
    return value if value in PRIORITIES else None


def clock_stop_reason(text: str) -> str | None:
    value = text.strip().lower().replace(" ", "_")
    return value if value in CLOCK_STOP_REASONS else None


PARSERS = {"nhs_number": nhs_number, "birth_month": birth_month, "sex": sex,
           "service": service, "provider_code": provider_code, "priority": priority,
           "clock_stop_reason": clock_stop_reason, **{c: day for c in DATES}}


def valid(column: str, text: str) -> bool:
    """Whether a non-blank cell is a value of its column."""
    return PARSERS[column](text) is not None


def value(column: str, text: str):
    """The value a cell stands for; None if blank or not of its format."""
    return PARSERS[column](text) if text.strip() else None
