"""Deliberate errors planted in synthetic returns, for the validator to find.

About one person in a thousand (at least one of each kind per file) gets exactly
one of:

- ``malformed_upn``: the UPN loses its check letter and gains a letter inside;
- ``outcome_before_received``: ``AssessmentOutcomeDate`` 10-60 days before
  ``ReceivedDate``;
- ``cease_reason_without_date``: a ``CeaseReason`` with no ``CeaseDate``;
- ``two_rank1_placements``: a second ``PlacementDetail`` with ``PlacementRank`` 1;
- ``date_after_reference``: a pending request's ``ReceivedDate`` (or, failing one, a
  placement's ``EntryDate``) 20-90 days after the reference date;
- ``unknown_sen_setting``: a rank-1 placement with ``SENSetting`` ``ZZZ`` and no URN.

Each is reported with the person's 1-based position in the file (``Person[n]``),
the UPN as written, the field, the value written and its element path.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from lxml import etree

from .model import Person
from .sen2_xml import Entry

KINDS = (
    "malformed_upn",
    "outcome_before_received",
    "cease_reason_without_date",
    "two_rank1_placements",
    "date_after_reference",
    "unknown_sen_setting",
)
RATE = 0.001


def _candidates(kind: str, person: Person, entries: list[Entry], cutoff: date) -> list[int]:
    """Indexes of the person's ``Requests`` the error can go in ([-1] = person level)."""
    out = []
    if kind == "malformed_upn":
        return [-1] if person.upn else []
    for i, e in enumerate(entries):
        r, plan = e.request, e.plan
        active = plan is not None and plan.active_on(cutoff)
        if kind == "outcome_before_received":
            a = r.assessment if r is not None else None
            if (
                not e.historical
                and r is not None
                and r.outcome_date <= cutoff
                and a is not None
                and a.outcome in ("Y", "N")
                and a.outcome_date is not None
                and a.outcome_date <= cutoff
            ):
                out.append(i)
        elif kind == "cease_reason_without_date":
            if plan is not None and (e.historical or e.request is not None):
                out.append(i)
        elif kind in ("two_rank1_placements", "unknown_sen_setting"):
            if active:
                out.append(i)
        elif kind == "date_after_reference":
            if not e.historical and r is not None and r.outcome_date > cutoff:
                out.append(i)
    return out


def plan_errors(rng: random.Random, cutoff: date):
    """Return a chooser: people of a return -> {position: (kind, request index)}."""

    def choose(people: list[tuple[Person, list[Entry]]]) -> dict[int, object]:
        n = max(len(KINDS), round(len(people) * RATE))
        candidates: dict[str, list[tuple[int, list[int]]]] = {}
        for kind in KINDS:
            pool = []
            for position, (person, entries) in enumerate(people, start=1):
                idx = _candidates(kind, person, entries, cutoff)
                if idx:
                    pool.append((position, idx))
            if not pool and kind == "date_after_reference":
                for position, (_person, entries) in enumerate(people, start=1):
                    idx = [
                        i
                        for i, e in enumerate(entries)
                        if e.plan is not None and e.plan.active_on(cutoff)
                    ]
                    if idx:
                        pool.append((position, idx))
            candidates[kind] = pool
        chosen: dict[int, object] = {}
        for k in range(n):
            kind = KINDS[k % len(KINDS)]
            pool = [c for c in candidates[kind] if c[0] not in chosen]
            if not pool:
                continue
            position, idx = rng.choice(pool)
            chosen[position] = (kind, rng.choice(idx))
        return chosen

    return choose


def _text(el: etree._Element, tag: str) -> str | None:
    child = el.find(tag)
    return child.text if child is not None else None


def _set_after(parent: etree._Element, tag: str, value: str, after: tuple[str, ...]) -> None:
    """Set ``tag`` to ``value``, creating it after the last present of ``after``."""
    el = parent.find(tag)
    if el is None:
        el = etree.Element(tag)
        anchor = None
        for name in after:
            found = parent.find(name)
            if found is not None:
                anchor = found
        if anchor is None:
            parent.insert(0, el)
        else:
            anchor.addnext(el)
    el.text = value


def apply_error(person_el: etree._Element, position: int, planned, cutoff: date) -> dict:
    """Plant one error in a built ``Person`` element; return its manifest record."""
    kind, request_index = planned
    base = f"/Message/Persons/Person[{position}]"
    record = {"person_index": position, "kind": kind}
    if kind == "malformed_upn":
        upn_el = person_el.find("UPN")
        original = upn_el.text
        upn_el.text = original[1:5] + "X" + original[6:]
        record.update(
            upn=upn_el.text,
            original_upn=original,
            field="UPN",
            value=upn_el.text,
            location=f"{base}/UPN",
        )
        return record
    record["upn"] = _text(person_el, "UPN")
    req = person_el.findall("Requests")[request_index]
    req_path = f"{base}/Requests[{request_index + 1}]"
    if kind == "outcome_before_received":
        received = date.fromisoformat(req.find("ReceivedDate").text)
        a = req.find("Assessment")
        bad = (received - timedelta(days=10 + position % 51)).isoformat()
        a.find("AssessmentOutcomeDate").text = bad
        record.update(
            field="AssessmentOutcomeDate",
            value=bad,
            location=f"{req_path}/Assessment/AssessmentOutcomeDate",
        )
    elif kind == "cease_reason_without_date":
        np_el = req.find("Assessment/NamedPlan")
        cease = np_el.find("CeaseDate")
        if cease is not None:
            np_el.remove(cease)
        _set_after(
            np_el,
            "CeaseReason",
            "9",
            ("StartDate", "PlanDetail", "PlanRes", "PlanWBP", "PB", "OA", "DP"),
        )
        record.update(
            field="CeaseReason",
            value=np_el.find("CeaseReason").text,
            location=f"{req_path}/Assessment/NamedPlan/CeaseReason",
        )
    elif kind == "two_rank1_placements":
        ap = req.find("ActivePlans")
        placements = ap.findall("PlacementDetail")
        if len(placements) > 1:
            placements[1].find("PlacementRank").text = "1"
            n = 2
        else:
            extra = etree.Element("PlacementDetail")
            _set_after(extra, "SENSetting", "OLA", ())
            _set_after(extra, "PlacementRank", "1", ("SENSetting",))
            _set_after(extra, "EntryDate", placements[0].find("EntryDate").text, ("PlacementRank",))
            placements[0].addnext(extra)
            n = 2
        record.update(
            field="PlacementRank",
            value="1",
            location=f"{req_path}/ActivePlans/PlacementDetail[{n}]/PlacementRank",
        )
    elif kind == "date_after_reference":
        bad = (cutoff + timedelta(days=20 + position % 71)).isoformat()
        if req.find("RequestOutcome") is not None and req.find("RequestOutcome").text == "A":
            req.find("ReceivedDate").text = bad
            record.update(field="ReceivedDate", location=f"{req_path}/ReceivedDate")
        else:
            req.find("ActivePlans/PlacementDetail/EntryDate").text = bad
            record.update(
                field="EntryDate",
                location=f"{req_path}/ActivePlans/PlacementDetail[1]/EntryDate",
            )
        record["value"] = bad
    elif kind == "unknown_sen_setting":
        pd = req.find("ActivePlans/PlacementDetail")
        for tag in ("URN", "UKPRN", "SENSetting", "SENSettingOther"):
            old = pd.find(tag)
            if old is not None:
                pd.remove(old)
        _set_after(pd, "SENSetting", "ZZZ", ())
        record.update(
            field="SENSetting",
            value="ZZZ",
            location=f"{req_path}/ActivePlans/PlacementDetail[1]/SENSetting",
        )
    return record
