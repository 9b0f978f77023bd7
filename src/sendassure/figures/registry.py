"""The measure registry: one declaration per measure, grouped in families.

A *family* is a set of measures computed together from one population and controlled
together for disclosure (a section of the statutory catalogue, say "timeliness"): its
``population`` picks the records, its ``summarise`` counts them, its ``rules`` say how
its counts add up. A *measure* is one output of a family under its DfE name, with a plain
label, a unit, a polarity (which way is better) and its definition.

A *stream* is where a family's records come from (SEN2 case records; later health
extracts, audits, surveys): how to read its inputs for some areas and how far its data
goes. Streams register their families here (``register``); nothing else computes a
figure (``sendassure.figures.service``), and ``docs/measures.md`` is generated from this
registry.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sendassure.kpis.disclosure import CONFIDENTIAL, Rules, sensitive, suppress
from sendassure.kpis.periods import KINDS

FLOW = "flow"  # counts events dated in a period
STOCK = "stock"  # taken at a date (the period's end)
UNITS = ("count", "percent", "weeks", "score", "grade", "pounds", "working_days")
POLARITIES = ("up", "down", "neither")


@dataclass(frozen=True)
class Measure:
    name: str
    label: str
    unit: str  # count, percent, weeks, score, grade or pounds
    polarity: str  # up (higher is better), down, or neither
    definition: str
    numerator: str | None = None
    denominator: str | None = None
    family: str = ""  # set when registered

    @property
    def is_ratio(self) -> bool:
        return self.unit != "count"

    @property
    def symbol(self) -> str:
        return {"percent": "%", "weeks": " weeks",
                "working_days": " working days"}.get(self.unit, "")


@dataclass(frozen=True)
class DataCurrency:
    """How far an area's data goes: ``data_from`` to ``data_to`` (inclusive), the last
    return or file it came from and when that was loaded."""

    data_from: date | None
    data_to: date | None
    source: str = ""
    loaded_at: Any = None

    @property
    def has_data(self) -> bool:
        return self.data_to is not None

    def describe(self) -> str:
        """"Data to 16 Jan 2025, from sen2_886_2025.xml, imported 3 Feb 2025"."""
        from sendassure.kpis.periods import long_date

        if not self.has_data:
            return "There is no data for this area yet."
        text = f"Data to {long_date(self.data_to)}"
        if self.source:
            text += f", from {self.source}"
        if self.loaded_at:
            text += f", imported {long_date(self.loaded_at.date())}"
        return text + "."


@dataclass(frozen=True)
class Stream:
    name: str
    label: str
    inputs: Callable[[Sequence[str]], Any]  # areas -> what populations are built from
    currency: Callable[[Sequence[str]], DataCurrency]  # areas -> how far the data goes
    version: Callable[[Sequence[str]], str]  # areas -> changes whenever the inputs change
    areas: Callable[[], list[str]]  # every area the stream holds data for
    # (areas, sections) -> the records a validation problem keeps out of those sections
    withheld: Callable[[Sequence[str], tuple[str, ...]], Withheld] | None = None


@dataclass(frozen=True)
class Withheld:
    """Records held back from a family's figures: stored but barred from its sections
    (``excluded``), or quarantined whole (``quarantined``, from each area's latest
    return), each as rule code -> (count, the rule's message template)."""

    excluded: dict[str, tuple[int, str]] = field(default_factory=dict)
    quarantined: dict[str, tuple[int, str]] = field(default_factory=dict)

    def _counts(self) -> dict:
        """Each kind's total and its counts by rule, keyed (kind, code); kind alone for
        the total."""
        counts = {}
        for kind, found in (("excluded", self.excluded), ("quarantined", self.quarantined)):
            counts[kind] = sum(n for n, _ in found.values())
            counts.update({(kind, code): n for code, (n, _) in found.items()})
        return counts

    def _hidden(self, controlled: bool) -> set:
        """What an aggregate audience may not see: counts of 1 to 4 and whatever they
        could be worked out from (the totals are the sums of the rules' counts)."""
        if not controlled:
            return set()
        counts = self._counts()
        lines = [([(kind, code) for code in found], kind)
                 for kind, found in (("excluded", self.excluded),
                                     ("quarantined", self.quarantined)) if found]
        return suppress(counts, lines)

    def as_json(self, controlled: bool = False) -> dict:
        counts, hidden = self._counts(), self._hidden(controlled)

        def shown(key):
            return CONFIDENTIAL if key in hidden else counts[key]

        return {
            "excluded": shown("excluded"),
            "quarantined": shown("quarantined"),
            "excluded_by_rule": {c: shown(("excluded", c)) for c in sorted(self.excluded)},
            "quarantined_by_rule": {c: shown(("quarantined", c))
                                    for c in sorted(self.quarantined)},
        }

    def sentences(self, controlled: bool = False) -> list[str]:
        """Plain words, one line a rule; controlled: a count of 1 to 4 is "fewer than 5",
        one hidden only to protect another is "some"."""
        hidden = self._hidden(controlled)

        def n_text(key, n: int) -> str:
            if key not in hidden:
                return f"{n:,}"
            return "fewer than 5" if sensitive(n) else "some"

        out = []
        for code, (n, why) in sorted(self.excluded.items()):
            out.append(f"{n_text(('excluded', code), n)} stored request(s) left out "
                       f"({code}: {why})")
        for code, (n, why) in sorted(self.quarantined.items()):
            out.append(f"{n_text(('quarantined', code), n)} record(s) quarantined whole "
                       f"({code}: {why})")
        return out


@dataclass(frozen=True)
class Family:
    name: str
    title: str
    stream: str
    kind: str  # FLOW or STOCK
    period_kind: str  # the period it is published for by default
    definition: str
    population: Callable  # FLOW: (inputs, start, end, as_of); STOCK: (inputs, on)
    summarise: Callable  # population -> result dataclass
    result: type
    rules: Rules
    measures: tuple[Measure, ...]
    breakdowns: tuple[str, ...] = ()
    records: Callable | None = None  # inputs -> the frame its population is drawn from
    exclusions: str = ""  # which records the family leaves out, and why
    # the measure sections (kpis.exclusions) whose barred records it leaves out
    sections: tuple[str, ...] = ()
    statutory_section: bool = True  # one of the sections `sendassure kpis` prints
    context: tuple[str, ...] = field(default=())  # outputs registered by another family
    # other bodies' published statistics (OGL): shown as published to every audience
    published: bool = False

    @property
    def outputs(self) -> tuple[str, ...]:
        return tuple(f.name for f in dataclasses.fields(self.result))


STREAMS: dict[str, Stream] = {}
FAMILIES: dict[str, Family] = {}
MEASURES: dict[str, Measure] = {}


class RegistryError(ValueError):
    pass


def register_stream(stream: Stream) -> Stream:
    STREAMS[stream.name] = stream
    return stream


def register(family: Family) -> Family:
    """Add a family and its measures; every name must be new, every output declared."""
    if family.name in FAMILIES:
        raise RegistryError(f"family {family.name!r} is registered twice")
    if family.stream not in STREAMS:
        raise RegistryError(f"family {family.name!r}: unknown stream {family.stream!r}")
    if family.period_kind not in KINDS or family.kind not in (FLOW, STOCK):
        raise RegistryError(f"family {family.name!r}: bad kind or period kind")
    names = {m.name for m in family.measures}
    missing = set(family.outputs) - names - set(family.context)
    if missing:
        raise RegistryError(f"family {family.name!r}: outputs {sorted(missing)} undeclared")
    measures = []
    for measure in family.measures:
        if measure.name in MEASURES:
            raise RegistryError(f"measure {measure.name!r} is registered twice")
        if measure.unit not in UNITS or measure.polarity not in POLARITIES:
            raise RegistryError(f"measure {measure.name!r}: bad unit or polarity")
        for part in (measure.numerator, measure.denominator):
            if part is not None and part not in family.outputs:
                raise RegistryError(f"measure {measure.name!r}: {part!r} is not an output")
        measures.append(dataclasses.replace(measure, family=family.name))
    family = dataclasses.replace(family, measures=tuple(measures))
    FAMILIES[family.name] = family
    MEASURES.update({m.name: m for m in measures})
    return family


def measure(name: str) -> Measure:
    try:
        return MEASURES[name]
    except KeyError:
        raise RegistryError(f"{name!r} is not a registered measure") from None


def family_of(name: str) -> Family:
    return FAMILIES[measure(name).family]


def statutory_sections() -> list[Family]:
    return [f for f in FAMILIES.values() if f.statutory_section]
