"""Load a GIAS establishments CSV (edubase extract) into the register."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from django.db import transaction

from sendassure.core import versions

from .models import Establishment

COLUMNS = {
    "urn": "URN",
    "la_code": "LA (code)",
    "name": "EstablishmentName",
    "type_of_establishment": "TypeOfEstablishment (name)",
    "type_group": "EstablishmentTypeGroup (name)",
    "phase": "PhaseOfEducation (name)",
}


class EstablishmentsError(Exception):
    pass


def _text(path: Path) -> str:
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "cp1252"):  # GIAS publishes Windows-1252
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise EstablishmentsError(f"{path.name}: cannot be decoded as UTF-8 or Windows-1252")


def load_establishments(path: Path) -> int:
    reader = csv.DictReader(io.StringIO(_text(path)))
    missing = [c for c in ("URN", "TypeOfEstablishment (name)") if c not in (reader.fieldnames or [])]
    if missing:
        raise EstablishmentsError(f"{path.name}: missing column(s) {', '.join(missing)}")
    rows = {}
    for line, row in enumerate(reader, start=2):
        urn = (row.get("URN") or "").strip()
        if not urn.isdigit() or len(urn) > 6:
            raise EstablishmentsError(f"{path.name} line {line}, column URN: {urn!r} is not a URN")
        rows[urn] = Establishment(
            **{field: (row.get(column) or "").strip()[:200] for field, column in COLUMNS.items()}
        )
    with transaction.atomic():
        Establishment.objects.filter(urn__in=list(rows)).delete()
        Establishment.objects.bulk_create(rows.values(), batch_size=2000)
        versions.changed(["establishments"], None)
    return len(rows)
