"""Reading the fact table back: whether an area's stored facts still hold (same inputs,
same code) and the stored rows of one family. ``facts`` writes them."""

from __future__ import annotations

import hashlib
from pathlib import Path

from .models import Fact, FactsRefresh
from .registry import Family

_CODE = [Path(__file__).parent, Path(__file__).parent.parent / "kpis",
         Path(__file__).parent.parent / "casework" / "frames.py"]


def _digest() -> str:
    digest = hashlib.sha256()
    for place in _CODE:
        files = sorted(place.glob("*.py")) if place.is_dir() else [place]
        for path in files:
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:20]


COMPUTED_BY = _digest()


def fresh(la: str, version: str) -> bool:
    return FactsRefresh.objects.filter(la=la, inputs=version, computed_by=COMPUTED_BY).exists()


def stored(la: str, family: Family) -> dict:
    """{(period key, breakdown): ({output: value}, {output: shown})} for one family."""
    found: dict = {}
    kinds = {f.name: f for f in family.result.__dataclass_fields__.values()}
    for row in Fact.objects.filter(la=la, family=family.name).values_list(
            "period", "breakdown", "measure", "value", "shown").iterator(chunk_size=5000):
        period, breakdown, name, value, shown = row
        values, texts = found.setdefault((period, breakdown), ({}, {}))
        counts = "int" in str(kinds[name].type) and "Decimal" not in str(kinds[name].type)
        values[name] = int(value) if counts and value is not None else value
        texts[name] = shown
    return found
