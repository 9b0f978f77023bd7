"""The complaint theme taxonomy and stage deadlines (YAML; the shipped default, or the
file ``settings.SENDASSURE_COMPLAINT_THEMES`` names)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

DEFAULT = Path(__file__).parent / "data" / "complaint-themes.yaml"


@dataclass(frozen=True)
class Taxonomy:
    themes: dict[str, str]  # code -> label
    deadlines: dict[str, int]  # stage -> working days after the day received


def taxonomy() -> Taxonomy:
    from django.conf import settings

    path = Path(getattr(settings, "SENDASSURE_COMPLAINT_THEMES", "") or DEFAULT)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return Taxonomy({str(k): str(v) for k, v in data["themes"].items()},
                    {str(k): int(v) for k, v in data["deadlines"].items()})
