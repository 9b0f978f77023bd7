"""Small, independent readers of generated SEN2 XML used by the synth tests."""

from __future__ import annotations

import csv
from collections import Counter
from datetime import date
from pathlib import Path

from lxml import etree


def persons(path: Path):
    for _, el in etree.iterparse(str(path), tag="Person"):
        yield el
        el.clear()


def d(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def timeliness(path: Path, year: int) -> tuple[int, int]:
    """(plans_issued_den, plans_issued_within_20_weeks) for plans issued in ``year``."""
    den = within = 0
    for p in persons(path):
        for r in p.findall("Requests"):
            a = r.find("Assessment")
            if a is None or a.findtext("AssessmentOutcome") != "Y":
                continue
            issued, received = d(a.findtext("AssessmentOutcomeDate")), d(r.findtext("ReceivedDate"))
            if issued is None or received is None or issued.year != year or issued < received:
                continue
            flags = (
                r.findtext("RequestMediation"),
                r.findtext("RequestTribunal"),
                a.findtext("AssessmentMediation"),
                a.findtext("AssessmentTribunal"),
            )
            if "1" in flags:
                continue
            den += 1
            within += (issued - received).days <= 140
    return den, within


def requests_by_month(path: Path, year: int) -> Counter:
    months: Counter = Counter()
    for p in persons(path):
        for r in p.findall("Requests"):
            received = d(r.findtext("ReceivedDate"))
            if r.findtext("RequestOutcome") != "H" and received and received.year == year:
                months[received.month] += 1
    return months


def active_plans(path: Path) -> list[etree._Element]:
    """Copies of every ActivePlans element."""
    out = []
    for p in persons(path):
        for ap in p.iterfind("Requests/ActivePlans"):
            out.append(etree.fromstring(etree.tostring(ap)))
    return out


def establishments(path: Path) -> dict[str, dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return {row["URN"]: row for row in csv.DictReader(fh)}
