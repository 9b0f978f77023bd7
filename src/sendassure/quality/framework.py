"""The quality framework as data (YAML, versioned): sections A-K with H1/H2, criteria with
guidance and "what good looks like", weights, the four grades and how section grades
combine into the overall grade. Audits keep the version they were made with.

Combining (``combine.method: weighted_mean``): the weighted mean of the graded sections'
scores (outstanding 4 ... inadequate 1), rounded half up to the nearest grade; a
``limiting`` section graded inadequate caps the overall grade at
``combine.cap_if_limiting_inadequate``. Sections not graded (e.g. not applicable) are
left out of the mean.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from pathlib import Path

import yaml

DEFAULT = Path(__file__).parent / "data" / "framework-default.yaml"
GRADE_CODES = ("outstanding", "good", "requires_improvement", "inadequate")
SECTION_CODES = ("A", "B", "C", "D", "E", "F", "G", "H1", "H2", "I", "J", "K")


class FrameworkError(ValueError):
    pass


@dataclass(frozen=True)
class Criterion:
    id: str
    text: str
    guidance: str
    good: str
    from_year: int | None = None  # applies from this school year (preparing for adulthood)

    def applies(self, year: int | None) -> bool:
        return self.from_year is None or (year is not None and year >= self.from_year)


@dataclass(frozen=True)
class Section:
    code: str
    title: str
    weight: Decimal
    limiting: bool
    criteria: tuple[Criterion, ...]


@dataclass(frozen=True)
class Grade:
    code: str
    label: str
    score: int


@dataclass(frozen=True)
class Framework:
    name: str
    version: str
    grades: tuple[Grade, ...]
    sections: tuple[Section, ...]
    cap: str | None

    @property
    def label(self) -> dict[str, str]:
        return {g.code: g.label for g in self.grades}

    def section(self, code: str) -> Section:
        for s in self.sections:
            if s.code == code:
                return s
        raise FrameworkError(f"no section {code!r} in framework {self.version}")

    def overall(self, grades: dict[str, str | None]) -> str | None:
        """The overall grade from section code -> grade code (None: not graded)."""
        score = {g.code: g.score for g in self.grades}
        graded = [(self.section(c), g) for c, g in grades.items() if g]
        if not graded:
            return None
        total = sum(s.weight for s, _ in graded)
        if total == 0:
            return None
        mean = sum(s.weight * score[g] for s, g in graded) / total
        rounded = int(mean.quantize(Decimal(1), rounding=ROUND_HALF_UP))
        found = next(g.code for g in self.grades if g.score == rounded)
        if self.cap and any(s.limiting and g == "inadequate" for s, g in graded):
            if score[found] > score[self.cap]:
                found = self.cap
        return found


def parse(text: str, source: str = "framework") -> Framework:
    """A framework from YAML text; ``FrameworkError`` says what is wrong and where."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise FrameworkError(f"{source}: not YAML ({error})") from None
    if not isinstance(data, dict):
        raise FrameworkError(f"{source}: expected a mapping at the top")
    for key in ("name", "version", "grades", "sections", "combine"):
        if key not in data:
            raise FrameworkError(f"{source}: '{key}' is missing")
    grades = tuple(Grade(str(g["code"]), str(g["label"]), int(g["score"]))
                   for g in data["grades"])
    if tuple(g.code for g in grades) != GRADE_CODES:
        raise FrameworkError(f"{source}: grades must be {', '.join(GRADE_CODES)}, best first")
    if data["combine"].get("method") != "weighted_mean":
        raise FrameworkError(f"{source}: combine.method must be weighted_mean")
    cap = data["combine"].get("cap_if_limiting_inadequate")
    if cap is not None and cap not in GRADE_CODES:
        raise FrameworkError(f"{source}: cap_if_limiting_inadequate {cap!r} is not a grade")
    sections = []
    for i, s in enumerate(data["sections"], start=1):
        where = f"{source}: section {i}"
        code = str(s.get("code", ""))
        if code not in SECTION_CODES:
            raise FrameworkError(f"{where}: code {code!r} is not one of {SECTION_CODES}")
        criteria = []
        for c in s.get("criteria") or ():
            for key in ("id", "text"):
                if not c.get(key):
                    raise FrameworkError(f"{where} ({code}): a criterion has no {key}")
            criteria.append(Criterion(str(c["id"]), str(c["text"]), str(c.get("guidance", "")),
                                      str(c.get("good", "")), c.get("from_year")))
        weight = Decimal(str(s.get("weight", 1)))
        if weight < 0:
            raise FrameworkError(f"{where} ({code}): weight must not be negative")
        sections.append(Section(code, str(s.get("title", code)), weight,
                                bool(s.get("limiting", False)), tuple(criteria)))
    codes = [s.code for s in sections]
    if len(set(codes)) != len(codes):
        raise FrameworkError(f"{source}: a section is listed twice")
    ids = [c.id for s in sections for c in s.criteria]
    if len(set(ids)) != len(ids):
        raise FrameworkError(f"{source}: a criterion id is used twice")
    return Framework(str(data["name"]), str(data["version"]), grades, tuple(sections), cap)


@cache
def default() -> Framework:
    return parse(DEFAULT.read_text(encoding="utf-8"), DEFAULT.name)
