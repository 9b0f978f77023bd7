"""Privacy by design for imported records.

Names and full postcodes are never stored; the date of birth is kept as the first of
its month; UPN and ULN go only to the identity table. A person is matched across files
by a keyed hash (HMAC-SHA256 with a per-deployment secret) of the UPN, else the ULN,
else normalised forename, surname, date of birth and sex.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import unicodedata
from collections.abc import Mapping

from sendassure.sen2 import values

NEVER_STORED = frozenset({"Surname", "Forename"})
IDENTIFIERS = frozenset({"UPN", "UniqueLearnerNumber"})


def _normalise_name(text: str | None) -> str:
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text)
    return re.sub(r"[^a-z]", "", decomposed.encode("ascii", "ignore").decode().lower())


def _digest(key: bytes, text: str) -> str:
    return hmac.new(key, text.encode(), hashlib.sha256).hexdigest()


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
    """What may be kept of one raw value outside the identity table."""
    if value is None:
        return None
    if field in NEVER_STORED:
        return "(removed)"
    if field == "PostCode":
        return values.postcode_district(value) or "(removed)"
    if field == "PersonBirthDate":
        birth = values.parse_date(value)
        return birth.strftime("%Y-%m") if birth else "(unreadable date removed)"
    if field in IDENTIFIERS:
        text = value.strip()
        return text[:1] + "*" * max(len(text) - 4, 0) + text[-3:] if len(text) > 4 else "****"
    return value


def reduce_text(text: str, raw: Mapping[str, str | None]) -> str:
    """A message with any name, full postcode, birth date or identifier taken out."""
    for field, value in raw.items():
        if (
            value
            and (
                field in NEVER_STORED
                or field in IDENTIFIERS
                or field in ("PostCode", "PersonBirthDate")
            )
            and len(value.strip()) >= 2
        ):
            text = text.replace(value, reduce_value(field, value) or "")
            text = text.replace(value.strip(), reduce_value(field, value) or "")
    return text


def reduce_fields(fields: Mapping[str, str | None]) -> dict[str, str | None]:
    return {
        name: reduce_value(name, value)
        for name, value in fields.items()
        if name not in NEVER_STORED and value is not None
    }
