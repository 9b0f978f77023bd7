"""Load the council's identifiers file (CSV or XLSX: ``upn, nhs_number``; other columns
never read). Each row is judged: the UPN by its check letter (``sen2.values.is_upn``, as
SEN2's rules), the NHS number by Modulus 11 (``referrals.rules.formats.nhs_number``, as
HR01), a UPN given two NHS numbers or an NHS number two UPNs. A file with any bad row is
refused whole, every finding reported by file, row, column, the value's shape and rule,
and nothing changes: the file is each area's whole list, so storing part of it would
silently drop children's links. A good file replaces the area's pairs in one
transaction; the same bytes again change nothing."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from sendassure.core import tables, versions
from sendassure.core.identity import identity_key, keyed_hash
from sendassure.core.shapes import shape
from sendassure.sen2.values import is_upn

from ..identifier_models import IdentifierPair, IdentifiersFile
from ..referrals.identity import nhs_key
from ..referrals.rules import formats

COLUMNS = ("upn", "nhs_number")
VERSION_KEY = "health:identifiers"
LOADED, UNCHANGED = "loaded", "unchanged"
RULES = {"ID01": "a UPN with its check letter (13 characters, letter first)",
         "ID02": "a valid NHS number (10 digits, Modulus 11 check digit)",
         "ID03": "one NHS number per UPN and one UPN per NHS number"}


def upn_key(upn: str, key: bytes) -> str:
    """The same hash as SEN2's ``Person.match_key`` for a child with a UPN."""
    return "u:" + keyed_hash(key, "upn:" + upn.strip().upper())


@dataclass(frozen=True)
class Finding:
    file_name: str
    row: int
    column: str
    value: str  # its shape only: never the identifier
    code: str

    def __str__(self) -> str:
        return (f"{self.file_name} row {self.row}, {self.column} {self.value}: "
                f"{self.code} {RULES[self.code]}")


class IdentifiersRefused(ValueError):
    def __init__(self, path: Path, reason: str, findings: list[Finding] | None = None):
        self.path, self.reason, self.findings = path, reason, findings or []
        super().__init__(f"{path.name}: refused: {reason}; nothing was stored")


@dataclass
class Loaded:
    file_name: str
    la: str
    outcome: str
    pairs: int = 0
    replaced: int = 0
    findings: list[Finding] = field(default_factory=list)

    def __str__(self) -> str:
        if self.outcome == UNCHANGED:
            return f"{self.file_name}: already loaded for {self.la}, unchanged"
        return (f"{self.file_name}: {self.pairs:,} UPN/NHS number pairs stored as keyed "
                f"hashes for {self.la} ({self.replaced:,} held before replaced)")


def _judge(path: Path) -> list[tuple[str, str]]:
    """The file's (upn, nhs digits) pairs, or :class:`IdentifiersRefused`."""
    try:
        header, body = tables.read_table(path)
    except tables.TableError as error:
        raise IdentifiersRefused(path, str(error)) from None
    names = [h.strip().lower() for h in header]
    missing = [c for c in COLUMNS if c not in names]
    if missing:
        raise IdentifiersRefused(path, "not an identifiers file: missing column(s) "
                                 + ", ".join(missing))
    where = {c: names.index(c) for c in COLUMNS}
    findings: list[Finding] = []
    pairs: list[tuple[str, str]] = []
    nhs_of: dict[str, str] = {}
    upn_of: dict[str, str] = {}
    for number, cells in enumerate(body, start=2):
        upn = cells[where["upn"]].strip().upper()
        given = cells[where["nhs_number"]]
        digits = formats.nhs_number(given)
        bad = False
        if not is_upn(upn):
            findings.append(Finding(path.name, number, "upn", shape(upn), "ID01"))
            bad = True
        if digits is None:
            findings.append(Finding(path.name, number, "nhs_number", shape(given), "ID02"))
            bad = True
        if bad:
            continue
        if nhs_of.setdefault(upn, digits) != digits:
            findings.append(Finding(path.name, number, "nhs_number", shape(given), "ID03"))
        elif upn_of.setdefault(digits, upn) != upn:
            findings.append(Finding(path.name, number, "upn", shape(upn), "ID03"))
        else:
            pairs.append((upn, digits))
    if findings:
        raise IdentifiersRefused(path, f"{len(findings)} finding(s) in "
                                 f"{len({f.row for f in findings})} row(s)", findings)
    return sorted(set(pairs))


def load_identifiers(path: Path, la: str) -> Loaded:
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    pairs = _judge(path)
    key = identity_key()
    with transaction.atomic():
        if IdentifiersFile.objects.filter(la=la, sha256=digest).exists():
            return Loaded(path.name, la, UNCHANGED)
        replaced = IdentifierPair.objects.filter(la=la).count()
        IdentifiersFile.objects.filter(la=la).delete()  # its pairs go with it
        held = IdentifiersFile.objects.create(la=la, file_name=path.name[:255],
                                              sha256=digest, pairs=len(pairs))
        IdentifierPair.objects.bulk_create([
            IdentifierPair(la=la, source=held, upn_key=upn_key(upn, key),
                           nhs_key=nhs_key(digits, key)) for upn, digits in pairs],
            batch_size=2000)
        versions.changed([VERSION_KEY], [la])
    return Loaded(path.name, la, LOADED, len(pairs), replaced)


def linked(la: str) -> dict[str, set[str]]:
    """UPN hash -> the NHS number hashes it is linked to (empty when no file is held)."""
    found: dict[str, set[str]] = {}
    for upn, nhs in IdentifierPair.objects.filter(la=la).values_list("upn_key", "nhs_key"):
        found.setdefault(upn, set()).add(nhs)
    return found
