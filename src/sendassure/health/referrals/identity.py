"""An NHS number is kept only as a keyed hash (``core.identity``: the same key as SEN2's
UPN hashes, so item 6's identifiers file can join a case to its referrals through the
hashes). The ``n:`` prefix says what the hash was made from, as ``u:``/``l:`` do for
SEN2 people."""

from __future__ import annotations

from sendassure.core.identity import keyed_hash


def nhs_key(digits: str, key: bytes) -> str:
    """The hash of a valid NHS number's ten digits (``rules.formats.nhs_number``)."""
    return "n:" + keyed_hash(key, "nhs:" + digits)
