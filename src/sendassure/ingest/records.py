"""Typed, still-raw SEN2 records as the readers produce them.

Readers (XML or module CSV) turn a file into a `Return`: a header and a stream of
`Person` records, each carrying its requests and everything below them. Field values
are kept as the raw text of the file (``None`` when the element or cell is absent or
blank) so that rules can report exactly what was sent; conversion to dates and codes
happens only after the rules have judged a record (see ``values.py``).

Field names are always the canonical SEN2 spellings used in the SEN2 return (``sendassure.sen2``)
(``SENSetting``, ``PlanWBP``); a reader that meets a known variant spelling
(``SENsetting``, ``PlanWPB``) stores it under the canonical name and notes the variant
in ``Return.variants``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field


@dataclass(slots=True)
class Record:
    """One SEN2 element (module) with its scalar fields.

    ``location`` is where the record sits in its file: an element path such as
    ``/Message/Persons/Person[12]/Requests[1]`` for XML, or ``requests.csv line 5``
    for the module CSV export.
    """

    location: str
    fields: dict[str, str | None] = field(default_factory=dict)

    def get(self, name: str) -> str | None:
        return self.fields.get(name)

    def field_location(self, name: str) -> str:
        """Where one field of this record sits: ``.../Assessment/AssessmentOutcomeDate``."""
        if self.location.startswith("/"):
            return f"{self.location}/{name}"
        return f"{self.location}, column {name}"


@dataclass(slots=True)
class PlanDetail(Record):
    pass


@dataclass(slots=True)
class NamedPlan(Record):
    plan_details: list[PlanDetail] = field(default_factory=list)


@dataclass(slots=True)
class Assessment(Record):
    named_plan: NamedPlan | None = None


@dataclass(slots=True)
class Placement(Record):
    """A ``PlacementDetail`` of an active plan (module 5)."""


@dataclass(slots=True)
class SenNeed(Record):
    pass


@dataclass(slots=True)
class ActivePlan(Record):
    placements: list[Placement] = field(default_factory=list)
    sen_needs: list[SenNeed] = field(default_factory=list)


@dataclass(slots=True)
class Request(Record):
    assessment: Assessment | None = None
    active_plan: ActivePlan | None = None
    # rule code -> measure sections its errors bar this request from (set by the importer)
    exclusions: dict[str, set[str]] = field(default_factory=dict)

    def module_counts(self) -> Counter:
        """How many records of each module this request holds, itself included."""
        counts = Counter(request=1)
        if self.assessment:
            counts["assessment"] += 1
            if self.assessment.named_plan:
                counts["named_plan"] += 1
                counts["plan_detail"] += len(self.assessment.named_plan.plan_details)
        if self.active_plan:
            counts["active_plan"] += 1
            counts["placement"] += len(self.active_plan.placements)
            counts["sen_need"] += len(self.active_plan.sen_needs)
        return counts


@dataclass(slots=True)
class Person(Record):
    requests: list[Request] = field(default_factory=list)


@dataclass(slots=True)
class Header(Record):
    """``CollectionDetails`` and ``Source`` fields together (Collection, Year,
    ReferenceDate, SourceLevel, LEA, SoftwareCode, Release, SerialNo, DateTime, DMO,
    DCO, DSCO)."""


@dataclass(frozen=True, slots=True)
class ReadProblem:
    """Something a reader met that does not stop the file being read but that the
    importer must report: a CSV row whose parent id matches nothing, a field given twice
    in one element. ``location`` uses the same form as ``Record.location``."""

    location: str
    field: str | None
    value: str | None
    message: str


@dataclass(slots=True)
class Return:
    """A SEN2 return being read: the header first, then persons one at a time.

    ``persons`` is an iterator so that a reader can stream a large file in constant
    memory; it may raise ``ReturnRejected`` part-way (a file that stops being
    well-formed), which the importer turns into a whole-file rejection.
    """

    file_name: str
    file_format: str  # "xml" or "csv"
    header: Header
    persons: Iterator[Person]
    variants: set[str] = field(default_factory=set)  # e.g. {"SENsetting", "PlanWPB"}
    # Element or column names the reader did not know and ignored. For XML this set
    # fills while ``persons`` is consumed; it is complete once the iterator is exhausted.
    unknown_elements: set[str] = field(default_factory=set)
    # Problems found while reading (see ReadProblem); like unknown_elements, complete
    # only once ``persons`` is exhausted.
    problems: list[ReadProblem] = field(default_factory=list)


class ReturnRejected(Exception):
    """The file as a whole cannot be read as a SEN2 return (not well-formed, not SEN2,
    unreadable, unsafe). The message says why in plain English, naming the file."""
