"""Write one SEN2 return (XML) for a synthetic area, streaming person by person.

A return for calendar year ``Y`` (collection ``Year`` = ``Y + 1``) is written as at its
census date, ``ReferenceDate`` = the third Thursday of January of ``Y + 1`` (16 January
2025 for the 2025 collection). Nothing dated after the reference date is reported
(outcomes not yet known are ``A``), except the deliberate errors.

Each person appears with:
- every request received in ``Y``;
- every earlier request still open on 1 January of ``Y`` (its outcome, or its
  assessment's outcome, dated on or after 1 January ``Y``), with its real outcome codes;
- otherwise, as a historical request (``RequestOutcome`` and ``AssessmentOutcome`` ``H``),
  a plan active at the reference date or ceased during ``Y``.
A plan active at the reference date carries its ``ActivePlans`` module: the current
placements, SEN needs, the latest review meeting and decision, and a phase transfer
made in September of ``Y`` (due 15 February, or 31 March into post-16).

Element names and order follow ``sen2_schema_2025.xsd`` and the 2025 sample file.
Persons are built one at a time and written with ``lxml.etree.xmlfile``.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

from lxml import etree

from .establishments import EstablishmentPool
from .model import Area, Person, Plan, Request
from .placements import latest_review, phase_transfer, placements_on

SOFTWARE_CODE = "sendassure-synth"
RELEASE = "synth 1.0"


def reference_date(collection_year: int) -> date:
    """The census date: the third Thursday of January of the collection year."""
    first = date(collection_year, 1, 1)
    first_thursday = first + timedelta(days=(3 - first.weekday()) % 7)
    return first_thursday + timedelta(days=14)


@dataclass(slots=True)
class Entry:
    """One ``Requests`` element of a person in a return."""

    request: Request | None  # None for a plan that predates the generated requests
    plan: Plan | None
    historical: bool


@dataclass(slots=True)
class ReturnStats:
    persons: int = 0
    requests_received: int = 0
    plans_issued: int = 0
    active_plans: int = 0
    ceased_plans: int = 0
    mainstream_rank1: int = 0
    errors: list[dict] = field(default_factory=list)


def _entries(person: Person, year: int, cutoff: date) -> list[Entry]:
    jan1 = date(year, 1, 1)

    def reportable(plan: Plan | None) -> bool:
        return (
            plan is not None
            and plan.start <= cutoff
            and (plan.cease_date is None or plan.cease_date >= jan1)
        )

    out = []
    for r in person.requests:
        if r.received > cutoff or r.received.year > year:
            continue
        if r.received.year == year or r.final_date() >= jan1:
            out.append(Entry(r, r.plan if r.plan and r.plan.start <= cutoff else None, False))
        elif reportable(r.plan):
            out.append(Entry(r, r.plan, True))
    if reportable(person.historical_plan):
        out.append(Entry(None, person.historical_plan, True))
    return out


def _sub(parent: etree._Element, tag: str, text: object | None) -> None:
    if text is not None:
        etree.SubElement(parent, tag).text = (
            text.isoformat() if isinstance(text, date) else str(text)
        )


class ReturnWriter:
    def __init__(self, area: Area, pool: EstablishmentPool, year: int):
        self.area = area
        self.pool = pool
        self.year = year
        self.cutoff = reference_date(year + 1)
        self.stats = ReturnStats()

    # -- modules ----------------------------------------------------------
    def _named_plan(self, parent, plan: Plan, birth: date) -> None:
        np_el = etree.SubElement(parent, "NamedPlan")
        _sub(np_el, "StartDate", plan.start)
        at_start = placements_on(
            plan, birth, plan.start, plan.start.year, self.area.profile, self.pool
        )
        for p in at_start:
            pd = etree.SubElement(np_el, "PlanDetail")
            if p.establishment is not None:
                _sub(pd, "URN", p.establishment.urn)
                _sub(pd, "UKPRN", p.establishment.ukprn)
            else:
                _sub(pd, "SENSetting", p.sen_setting)
                if p.sen_setting == "OTH":
                    _sub(pd, "SENSettingOther", "Type of setting named, no school named")
            _sub(pd, "PlacementRank", p.rank)
            _sub(pd, "SENunitIndicator", p.sen_unit)
            _sub(pd, "ResourcedProvisionIndicator", p.resourced)
        _sub(np_el, "PlanRes", at_start[0].res)
        _sub(np_el, "PlanWBP", at_start[0].wbp)
        _sub(np_el, "PB", plan.pb)
        _sub(np_el, "OA", plan.oa)
        _sub(np_el, "DP", plan.dp)
        if plan.cease_date is not None and plan.cease_date <= self.cutoff:
            _sub(np_el, "CeaseDate", plan.cease_date)
            _sub(np_el, "CeaseReason", plan.cease_reason)
            self.stats.ceased_plans += 1

    def _active_plans(self, parent, plan: Plan, birth: date) -> None:
        ap = etree.SubElement(parent, "ActivePlans")
        _sub(ap, "TransferLA", plan.transfer_la)
        current = placements_on(plan, birth, self.cutoff, self.year, self.area.profile, self.pool)
        for p in current:
            pd = etree.SubElement(ap, "PlacementDetail")
            if p.establishment is not None:
                _sub(pd, "URN", p.establishment.urn)
                _sub(pd, "UKPRN", p.establishment.ukprn)
            else:
                _sub(pd, "SENSetting", p.sen_setting)
                if p.sen_setting == "OTH":
                    _sub(pd, "SENSettingOther", "Type of setting named, no school named")
            _sub(pd, "PlacementRank", p.rank)
            _sub(pd, "EntryDate", p.entry)
            _sub(pd, "SENunitIndicator", p.sen_unit)
            _sub(pd, "ResourcedProvisionIndicator", p.resourced)
            _sub(pd, "Res", p.res)
            _sub(pd, "WBP", p.wbp)
        if current[0].category == "mainstream":
            self.stats.mainstream_rank1 += 1
        for rank, need in enumerate(plan.needs, start=1):
            sn = etree.SubElement(ap, "SENneed")
            _sub(sn, "SENtype", need)
            _sub(sn, "SENtypeRank", rank)
        review = latest_review(plan, self.cutoff)
        if review is not None:
            _sub(ap, "ReviewMeeting", review.meeting)
            _sub(ap, "LastReview", review.decision)
            _sub(ap, "ReviewOutcome", review.outcome)
            _sub(ap, "ReviewDraft", review.draft)
        transfer = phase_transfer(plan, birth, self.year, self.cutoff)
        if transfer is not None:
            _sub(ap, "PhaseTransferDueDate", transfer[0])
            _sub(ap, "PhaseTransferFinalDate", transfer[1])
        self.stats.active_plans += 1

    def _request(self, person_el, entry: Entry, birth: date) -> None:
        cutoff = self.cutoff
        req = etree.SubElement(person_el, "Requests")
        r, plan = entry.request, entry.plan
        if entry.historical:
            if r is not None:
                _sub(req, "ReceivedDate", r.received)
                _sub(req, "RequestSource", r.source)
            _sub(req, "RequestOutcome", "H")
            a_el = etree.SubElement(req, "Assessment")
            _sub(a_el, "AssessmentOutcome", "H")
            assert plan is not None
            self._named_plan(a_el, plan, birth)
        else:
            assert r is not None
            if r.received.year == self.year:
                self.stats.requests_received += 1
            _sub(req, "ReceivedDate", r.received)
            _sub(req, "RequestSource", r.source)
            _sub(req, "RYA", r.rya)
            if r.outcome_date > cutoff:
                _sub(req, "RequestOutcome", "A")
            else:
                _sub(req, "RequestOutcomeDate", r.outcome_date)
                _sub(req, "RequestOutcome", r.outcome)
                if r.outcome != "W":
                    _sub(req, "RequestMediation", r.mediation)
                    _sub(req, "RequestTribunal", r.tribunal)
                a = r.assessment
                if r.outcome == "Y" and a is not None:
                    a_el = etree.SubElement(req, "Assessment")
                    assert a.outcome_date is not None
                    if a.outcome_date > cutoff:
                        _sub(a_el, "AssessmentOutcome", "A")
                    else:
                        _sub(a_el, "AssessmentOutcome", a.outcome)
                        _sub(a_el, "AssessmentOutcomeDate", a.outcome_date)
                        if a.outcome in ("Y", "N"):
                            _sub(a_el, "AssessmentMediation", a.mediation)
                            _sub(a_el, "AssessmentTribunal", a.tribunal)
                            _sub(a_el, "OtherMediation", a.other_mediation)
                            _sub(a_el, "OtherTribunal", a.other_tribunal)
                        if a.outcome == "Y":
                            _sub(a_el, "Week20", a.week20)
                            if a.outcome_date.year == self.year:
                                self.stats.plans_issued += 1
                            if plan is not None:
                                self._named_plan(a_el, plan, birth)
        if plan is not None and plan.active_on(cutoff):
            self._active_plans(req, plan, birth)

    def person_element(self, person: Person, entries: list[Entry]) -> etree._Element:
        el = etree.Element("Person")
        _sub(el, "Surname", person.surname)
        _sub(el, "Forename", person.forename)
        _sub(el, "PersonBirthDate", person.birth)
        _sub(el, "Sex", person.sex)
        _sub(el, "Ethnicity", person.ethnicity)
        _sub(el, "PostCode", person.postcode)
        _sub(el, "UPN", person.upn)
        _sub(el, "UniqueLearnerNumber", person.uln)
        _sub(el, "UPNunknown", person.upn_unknown)
        for entry in entries:
            self._request(el, entry, person.birth)
        return el

    # -- the file ---------------------------------------------------------
    def header(self) -> etree._Element:
        h = etree.Element("Header")
        cd = etree.SubElement(h, "CollectionDetails")
        _sub(cd, "Collection", "SEN2")
        _sub(cd, "Year", self.year + 1)
        _sub(cd, "ReferenceDate", self.cutoff)
        src = etree.SubElement(h, "Source")
        _sub(src, "SourceLevel", "L")
        _sub(src, "LEA", self.area.la_code)
        _sub(src, "SoftwareCode", SOFTWARE_CODE)
        _sub(src, "Release", RELEASE)
        _sub(src, "SerialNo", "001")
        stamp = datetime.combine(self.cutoff + timedelta(days=42), time(10, 30))
        _sub(src, "DateTime", stamp.isoformat())
        _sub(src, "DMO", "Y")
        _sub(src, "DCO", "Y")
        _sub(src, "DSCO", "R")
        return h

    def write(
        self,
        path: Path,
        error_plan: Callable[[list[tuple[Person, list[Entry]]]], dict[int, object]] | None,
        apply_error: Callable[..., dict] | None,
    ) -> ReturnStats:
        people = []
        for person in self.area.persons:
            entries = _entries(person, self.year, self.cutoff)
            if entries:
                people.append((person, entries))
        planned = error_plan(people) if error_plan else {}
        with etree.xmlfile(str(path), encoding="utf-8") as xf:
            xf.write_declaration()
            with xf.element("Message"):
                xf.write("\n")
                xf.write(self.header(), pretty_print=True)
                with xf.element("Persons"):
                    xf.write("\n")
                    for position, (person, entries) in enumerate(people, start=1):
                        el = self.person_element(person, entries)
                        if position in planned and apply_error is not None:
                            record = apply_error(el, position, planned[position], self.cutoff)
                            record["file"] = path.name
                            self.stats.errors.append(record)
                        xf.write(el, pretty_print=True)
                xf.write("\n")
        self.stats.persons = len(people)
        return self.stats


def error_rng(seed: int, la_code: str, year: int) -> random.Random:
    return random.Random(f"{seed}:{la_code}:{year}:errors")
