"""Load referral extracts: read, judge every row, store the good and quarantine the bad
in one transaction (opened only once the file is read and judged).

- Idempotent: an extract whose bytes (SHA-256) are already held for the area changes
  nothing.
- An extract is each of its providers' whole current list: loading it replaces the
  referrals held for those providers in the area (from any earlier extract), so a
  provider's corrected file takes the place of the one before.
- A row breaking any rule is quarantined whole with every finding; nothing of it counts.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from sendassure.core import versions
from sendassure.core.identity import identity_key

from ..referral_models import QuarantinedReferral, Referral, ReferralExtract
from .extract import COLUMNS, ExtractRow, read_extract
from .identity import nhs_key
from .rules import Finding, formats, judge, shown

VERSION_KEY = "health:referrals"
LOADED, UNCHANGED = "loaded", "unchanged"


@dataclass
class Loaded:
    file_name: str
    la: str
    outcome: str
    stored: int = 0
    quarantined: int = 0
    replaced: int = 0
    ignored: int = 0
    findings: list[Finding] = field(default_factory=list)

    def __str__(self) -> str:
        if self.outcome == UNCHANGED:
            return f"{self.file_name}: already loaded for {self.la}, unchanged"
        ignored = (f"; {self.ignored} column(s) not of the layout ignored"
                   if self.ignored else "")
        return (f"{self.file_name}: {self.stored:,} referrals stored, {self.quarantined:,} "
                f"rows quarantined ({self.replaced:,} held before replaced){ignored}")


def _referral(row: ExtractRow, la: str, key: bytes) -> dict:
    values = {c: formats.value(c, row.cells[c]) for c in COLUMNS}
    values["nhs_key"] = nhs_key(values.pop("nhs_number"), key)
    values["clock_stop_reason"] = values["clock_stop_reason"] or ""
    return {"la": la, "row": row.number, **values}


def load_extract(path: Path, la: str) -> Loaded:
    """Raises :class:`~.extract.ExtractRefused` for a file that is not an extract."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    extract = read_extract(path)
    rows = extract.rows
    found = judge(rows)
    key = identity_key()
    good = [_referral(r, la, key) for r in rows if r.number not in found]
    providers = sorted({g["provider_code"] for g in good})
    loaded = Loaded(path.name, la, LOADED, len(good), len(found), ignored=extract.ignored,
                    findings=[f for number in sorted(found) for f in found[number]])
    with transaction.atomic():
        if ReferralExtract.objects.filter(la=la, sha256=digest).exists():
            return Loaded(path.name, la, UNCHANGED, findings=loaded.findings)
        held = ReferralExtract.objects.create(
            la=la, file_name=path.name[:255], sha256=digest, providers=providers,
            stored=len(good), quarantined=len(found))
        loaded.replaced, _ = Referral.objects.filter(
            la=la, provider_code__in=providers).delete()
        Referral.objects.bulk_create([Referral(extract=held, **g) for g in good],
                                     batch_size=2000)
        QuarantinedReferral.objects.bulk_create([
            QuarantinedReferral(
                la=la, extract=held, row=r.number,
                content={c: shown(c, v) for c, v in r.cells.items()},
                findings=[vars(f) for f in found[r.number]],
                codes=",".join(sorted({f.code for f in found[r.number]}))[:100])
            for r in rows if r.number in found], batch_size=2000)
        versions.changed([VERSION_KEY], [la])
    return loaded
