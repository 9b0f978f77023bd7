"""SEN2-1015: the same UPN given for two persons of one return.

The rule remembers every UPN of the return until the end, so it keeps them compactly:
one 8-byte slot a person (in a table at most 80 % full) instead of a string key and a
location string. A UPN of the usual shape whose first letter is its check letter is
determined by its other 12 characters, which pack exactly into 42 bits; the first
location is the return's location pattern (``/Message/Persons/Person[...]``, or
``person.csv line ...``) and a number, which takes the other 22 bits. Anything else
(UPNs with a wrong check letter, odd locations) is kept as text. No hashing: a
duplicate is reported only for equal UPNs, with the exact location first seen.
"""

from __future__ import annotations

import re
from array import array

from sendassure.ingest.rules.registry import rule
from sendassure.sen2.values import upn_check_letter

_UPN_SHAPE = re.compile(r"[A-Z][0-9]{11}[0-9A-Z]")
_NUMBERED = re.compile(r"(.*?)([1-9][0-9]{0,9})([^0-9]*)", re.DOTALL)
_NUMBER_BITS = 22  # locations numbered up to 4,194,303
_MIXER = 0x9E3779B97F4A7C15


def _upn_code(upn: str) -> int | None:
    """A well-formed UPN with the right check letter as a distinct integer below 2**42,
    else ``None``."""
    if _UPN_SHAPE.fullmatch(upn) is None or upn_check_letter(upn) != upn[0]:
        return None
    return int(upn[1:12]) * 36 + int(upn[12], 36)


class _FirstLocations:
    """UPN -> where it was first seen: ``(code + 1) << 22 | number`` in one flat array
    (open addressing, linear probing; 0 marks an empty slot)."""

    def __init__(self) -> None:
        self._slots = array("Q", bytes(8 * 1024))
        self._used = 0
        self._pattern: tuple[str, str] | None = None  # (before, after) the number
        self._text: dict[str, str] = {}  # the UPNs that do not pack

    def _slot(self, code: int) -> int:
        slots, tag = self._slots, code + 1
        mask = len(slots) - 1
        slot = (code * _MIXER >> 20) & mask
        while (value := slots[slot]) and value >> _NUMBER_BITS != tag:
            slot = (slot + 1) & mask
        return slot

    def get(self, upn: str) -> str | None:
        code = _upn_code(upn)
        if code is not None:
            value = self._slots[self._slot(code)]
            if value:
                before, after = self._pattern  # type: ignore[misc]
                return f"{before}{value & ((1 << _NUMBER_BITS) - 1)}{after}"
        return self._text.get(upn)

    def add(self, upn: str, location: str) -> None:
        code = _upn_code(upn)
        number = self._number(location) if code is not None else None
        if number is None:
            self._text[upn] = location
            return
        if (self._used + 1) * 5 > len(self._slots) * 4:
            self._grow()
        self._slots[self._slot(code)] = (code + 1) << _NUMBER_BITS | number
        self._used += 1

    def _grow(self) -> None:
        old = self._slots
        self._slots = array("Q", bytes(16 * len(old)))
        slots = self._slots
        for value in old:
            if value:
                slots[self._slot((value >> _NUMBER_BITS) - 1)] = value

    def _number(self, location: str) -> int | None:
        """The location's number when it follows the return's pattern, else ``None``."""
        match = _NUMBERED.fullmatch(location)
        if match is None:
            return None
        number = int(match[2])
        if self._pattern is None:
            self._pattern = (match[1], match[3])
        if (match[1], match[3]) != self._pattern or number >> _NUMBER_BITS:
            return None
        return number


@rule(
    code="SEN2-1015",
    severity="query",
    module="person",
    fields=("UPN",),
    message="UPN {value} is also given for another person, at {first}",
)
def duplicate_upn(person, context):
    upn = person.get("UPN")
    if upn is None:
        return
    seen = context.state.get("upn_locations")
    if seen is None:
        seen = context.state["upn_locations"] = _FirstLocations()
    key = upn.strip().upper()
    first = seen.get(key)
    if first is not None:
        yield context.issue(person, "UPN", first=first)
    else:
        seen.add(key, person.location)
