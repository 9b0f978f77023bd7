"""Small checks several rules share (one rule per file stays the rule of the house;
these are only the loops)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from sendassure.ingest.records import Record
from sendassure.ingest.rules.registry import Context, Issue
from sendassure.sen2.values import parse_date

DATE_MESSAGE = "{field} {value} is not a date in the form YYYY-MM-DD"
CODE_MESSAGE = "{field} {value} is not one of the codes {codes}"
AFTER_REFERENCE_MESSAGE = "{field} {value} is after the ReferenceDate {reference}"


def invalid_dates(context: Context, record: Record, fields: Iterable[str]) -> Iterator[Issue]:
    """Fields that hold text that is not a date."""
    for name in fields:
        text = record.get(name)
        if text is not None and parse_date(text) is None:
            yield context.issue(record, name)


def not_in_code_list(
    context: Context, record: Record, fields: Mapping[str, Iterable[str]]
) -> Iterator[Issue]:
    """Non-blank fields whose value is not in their code list."""
    for name, codes in fields.items():
        text = record.get(name)
        allowed = tuple(codes)
        if text is not None and text.strip() not in allowed:
            yield context.issue(record, name, codes=", ".join(allowed))


def after_reference(context: Context, record: Record, fields: Iterable[str]) -> Iterator[Issue]:
    """Dates later than the return's ReferenceDate."""
    reference = context.reference_date
    if reference is None:
        return
    for name in fields:
        day = context.date(record, name)
        if day is not None and day > reference:
            yield context.issue(record, name, reference=reference.isoformat())


def is_outcome(text: str | None, *codes: str) -> bool:
    return text is not None and text.strip() in codes
