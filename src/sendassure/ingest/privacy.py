"""Privacy by design for imported records.

Names and full postcodes are never stored; the date of birth is kept as the first of
its month; UPN and ULN go only to the identity table. A person is matched across files
by a keyed hash (HMAC-SHA256 with a per-deployment secret) of the UPN, else the ULN,
else normalised forename, surname, date of birth and sex.

A value that fails its field's format (``formats.is_valid``: a code not in its list, a
date that does not parse...) may be a name or a postcode sent in the wrong field, so it
is never kept or shown as given, whatever the field: only its shape is (``shape``: each
capital letter becomes ``A``, each other letter ``a``, each digit ``9``, each space a
space, ASCII punctuation itself, anything else ``?``; with its length). ``reduce_value``
is the one place that decides what of a raw value may be kept: the rules' issues
(``Context.issue``), the quarantined records' content and the reader's problems all go
through it, and ``reduce_text`` takes any raw value that slipped into a message out.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping

from sendassure.core.identity import keyed_hash
from sendassure.core.shapes import SHAPE_SHOWN, shape
from sendassure.sen2 import values

from . import formats
from .records import Record

NEVER_STORED = frozenset({"Surname", "Forename"})
IDENTIFIERS = frozenset({"UPN", "UniqueLearnerNumber"})
__all__ = ["SHAPE_SHOWN", "match_key", "reduce_value", "reduce_text", "reduce_fields",
           "raw_values", "shape"]


def _normalise_name(text: str | None) -> str:
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text)
    return re.sub(r"[^a-z]", "", decomposed.encode("ascii", "ignore").decode().lower())


_digest = keyed_hash


def match_key(person: Mapping[str, str | None], key: bytes) -> str:
    """The keyed hash that links the same child across returns.

    Prefixed by what it was made from: ``u:`` UPN, ``l:`` ULN, ``h:`` names and birth.
    """
    upn = (person.get("UPN") or "").strip().upper()
    if values.is_upn_format(upn):
        return "u:" + _digest(key, "upn:" + upn)
    uln = (person.get("UniqueLearnerNumber") or "").strip()
    if values.is_uln(uln):
        return "l:" + _digest(key, "uln:" + uln)
    parts = [
        _normalise_name(person.get("Forename")),
        _normalise_name(person.get("Surname")),
        (person.get("PersonBirthDate") or "").strip(),
        (person.get("Sex") or person.get("GenderCurrent") or "").strip().upper(),
    ]
    return "h:" + _digest(key, "names:" + "|".join(parts))


def reduce_value(field: str, value: str | None) -> str | None:
    """What may be kept or shown of one raw value outside the identity table: nothing of
    a name, the shape of a value that fails its field's format, the district of a
    postcode, the month of a birth date, the ends of an identifier; any other valid
    value as it is."""
    if value is None:
        return None
    if field in NEVER_STORED:
        return "(removed)"
    if not formats.is_valid(field, value):
        return shape(value)
    if field == "PostCode":
        return values.postcode_district(value)
    if field == "PersonBirthDate":
        birth = values.parse_date(value)
        return birth.strftime("%Y-%m") if birth else shape(value)
    if field in IDENTIFIERS:
        text = value.strip()
        return text[:1] + "*" * max(len(text) - 4, 0) + text[-3:] if len(text) > 4 else "****"
    return value


def reduce_text(
    text: str, raw: Mapping[str, str | None] | Iterable[tuple[str, str | None]]
) -> str:
    """``text`` (a message) with every raw value of ``raw`` that may not be shown as
    given (a name, a full postcode, a birth date, an identifier, a value failing its
    field's format) replaced by what ``reduce_value`` keeps of it. Values are matched
    as whole tokens, longest first; values shorter than 2 characters are left alone."""
    pairs = raw.items() if isinstance(raw, Mapping) else raw
    hidden: dict[str, str] = {}
    for field, value in pairs:
        found = (value or "").strip()
        if len(found) < 2 or found in hidden or found not in text:
            continue
        kept = reduce_value(field, value)
        if kept != value:
            hidden[found] = kept or ""
    for found in sorted(hidden, key=len, reverse=True):
        text = re.sub(rf"(?<![^\W_]){re.escape(found)}(?![^\W_])", lambda _, k=hidden[found]: k,
                      text)
    return text


def reduce_fields(fields: Mapping[str, str | None]) -> dict[str, str | None]:
    return {
        name: reduce_value(name, value)
        for name, value in fields.items()
        if name not in NEVER_STORED and value is not None
    }


def raw_values(person: Record) -> Iterator[tuple[str, str | None]]:
    """(field, raw value) for every field of a person and of every record below it."""
    yield from person.fields.items()
    for request in getattr(person, "requests", ()):
        yield from request.fields.items()
        assessment, active = request.assessment, request.active_plan
        plan = assessment.named_plan if assessment is not None else None
        for record in (assessment, plan, active):
            if record is not None:
                yield from record.fields.items()
        for record in [*(plan.plan_details if plan else ()),
                       *(active.placements if active else ()),
                       *(active.sen_needs if active else ())]:
            yield from record.fields.items()
