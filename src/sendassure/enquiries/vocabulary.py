"""The hub's channels, categories (each urgent or not) and promised response times, from
YAML: the shipped default, or the file ``settings.SENDASSURE_ENQUIRY_CATEGORIES`` names."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

DEFAULT = Path(__file__).parent / "data" / "enquiry-categories.yaml"


@dataclass(frozen=True)
class Vocabulary:
    channels: dict[str, str]  # code -> label
    categories: dict[str, str]  # code -> label
    urgent: frozenset[str]  # the urgent categories' codes
    promises: dict[str, dict[str, int]]  # urgent|routine -> reply|update -> working days

    def is_urgent(self, category: str) -> bool:
        return category in self.urgent

    def days(self, category: str, what: str) -> int:
        return self.promises["urgent" if self.is_urgent(category) else "routine"][what]


def vocabulary() -> Vocabulary:
    from django.conf import settings

    path = Path(getattr(settings, "SENDASSURE_ENQUIRY_CATEGORIES", "") or DEFAULT)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    categories = data["categories"]
    return Vocabulary(
        {str(k): str(v) for k, v in data["channels"].items()},
        {str(k): str(v["label"]) for k, v in categories.items()},
        frozenset(str(k) for k, v in categories.items() if v.get("urgent")),
        {kind: {what: int(n) for what, n in days.items()}
         for kind, days in data["promises"].items()})
