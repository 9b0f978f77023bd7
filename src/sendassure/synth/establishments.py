"""Synthetic establishments (GIAS-like) that placements point at by URN.

Each area gets a pool of schools and colleges sized to its plan count. URNs are
``100000 + 5000 * la_ordinal + k`` so they are 6 digits and unique across the 153
English LAs. :func:`write_establishments_csv` writes the establishments actually
used, in the column style of GIAS's ``edubase`` extract.
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass
from pathlib import Path

# Pool kind -> ((TypeOfEstablishment, EstablishmentTypeGroup, weight), ...), phase, name stem,
# number of establishments of that kind for a Kent-sized area (~20,000 plans).
POOL_KINDS: dict[str, tuple[tuple[tuple[str, str, float], ...], str, str, int]] = {
    "primary": (
        (
            ("Community school", "Local authority maintained schools", 35),
            ("Voluntary aided school", "Local authority maintained schools", 8),
            ("Voluntary controlled school", "Local authority maintained schools", 7),
            ("Foundation school", "Local authority maintained schools", 3),
            ("Academy converter", "Academies", 30),
            ("Academy sponsor led", "Academies", 12),
            ("Free schools", "Free Schools", 5),
        ),
        "Primary",
        "Primary School",
        450,
    ),
    "secondary": (
        (
            ("Community school", "Local authority maintained schools", 12),
            ("Foundation school", "Local authority maintained schools", 8),
            ("Voluntary aided school", "Local authority maintained schools", 4),
            ("Academy converter", "Academies", 45),
            ("Academy sponsor led", "Academies", 20),
            ("Free schools", "Free Schools", 8),
            ("University technical college", "Free Schools", 2),
            ("Studio schools", "Free Schools", 1),
        ),
        "Secondary",
        "Secondary School",
        100,
    ),
    "nursery": (
        (("Local authority nursery school", "Local authority maintained schools", 1),),
        "Nursery",
        "Nursery School",
        8,
    ),
    "independent": (
        (("Other independent school", "Independent schools", 1),),
        "Not applicable",
        "Independent School",
        12,
    ),
    "special": (
        (
            ("Community special school", "Special schools", 50),
            ("Foundation special school", "Special schools", 10),
            ("Academy special converter", "Academies", 9),
            ("Academy special sponsor led", "Academies", 3),
            ("Free schools special", "Free Schools", 6),
            ("Other independent special school", "Independent schools", 19),
            ("Non-maintained special school", "Special schools", 3),
        ),
        "Not applicable",
        "Special School",
        70,
    ),
    "ap": (
        (
            ("Pupil referral unit", "Local authority maintained schools", 5),
            ("Academy alternative provision converter", "Academies", 3),
            ("Free schools alternative provision", "Free Schools", 1),
        ),
        "Not applicable",
        "Alternative Provision",
        9,
    ),
    "fe": (
        (
            ("Further education", "Colleges", 6),
            ("Sixth form centres", "Colleges", 1),
        ),
        "16 plus",
        "College",
        8,
    ),
    "spi": (
        (("Special post 16 institution", "Other types", 1),),
        "16 plus",
        "Specialist Post-16 Institution",
        6,
    ),
}
MINIMUM_POOL = {"primary": 3, "secondary": 2, "special": 3, "fe": 1, "spi": 1}
KENT_PLANS = 20635
URN_BLOCK = 5000


@dataclass(frozen=True, slots=True)
class Establishment:
    urn: int
    la_code: str
    la_name: str
    name: str
    type_of_establishment: str
    type_group: str
    phase: str
    ukprn: int | None


class EstablishmentPool:
    """The establishments of one area, by pool kind; remembers which were used."""

    def __init__(self, la_code: str, la_name: str, la_ordinal: int, plans: float, seed: int):
        rng = random.Random(seed)
        factor = max(plans, 1.0) / KENT_PLANS
        self.by_kind: dict[str, list[Establishment]] = {}
        self.used: dict[int, Establishment] = {}
        k = 0
        for kind, (types, phase, stem, kent_count) in POOL_KINDS.items():
            count = max(MINIMUM_POOL.get(kind, 1), round(kent_count * factor))
            count = min(count, 3 * kent_count)
            names = [t[0] for t in types]
            groups = {t[0]: t[1] for t in types}
            weights = [t[2] for t in types]
            members = []
            for i in range(count):
                type_name = names[i] if i < len(names) else rng.choices(names, weights)[0]
                urn = 100000 + URN_BLOCK * la_ordinal + k
                k += 1
                ukprn = 10000000 + urn if kind in ("fe", "spi", "secondary") else None
                members.append(
                    Establishment(
                        urn=urn,
                        la_code=la_code,
                        la_name=la_name,
                        name=f"Synthetic {stem} {i + 1}",
                        type_of_establishment=type_name,
                        type_group=groups[type_name],
                        phase=phase,
                        ukprn=ukprn,
                    )
                )
            self.by_kind[kind] = members
        if k >= URN_BLOCK:  # pragma: no cover - pools are capped well below this
            raise ValueError("establishment pool too large for its URN block")

    def pick(self, kind: str, rng: random.Random) -> Establishment:
        est = rng.choice(self.by_kind[kind])
        self.used[est.urn] = est
        return est


GIAS_COLUMNS = (
    "URN",
    "LA (code)",
    "LA (name)",
    "EstablishmentName",
    "TypeOfEstablishment (name)",
    "EstablishmentTypeGroup (name)",
    "EstablishmentStatus (name)",
    "PhaseOfEducation (name)",
    "UKPRN",
)


def write_establishments_csv(establishments, path: Path) -> int:
    """Write establishments (sorted by URN) as a GIAS-style CSV; return the row count."""
    rows = sorted(establishments, key=lambda e: e.urn)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(GIAS_COLUMNS)
        for e in rows:
            writer.writerow(
                [
                    e.urn,
                    e.la_code,
                    e.la_name,
                    e.name,
                    e.type_of_establishment,
                    e.type_group,
                    "Open",
                    e.phase,
                    e.ukprn or "",
                ]
            )
    return len(rows)
