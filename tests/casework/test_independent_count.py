"""An independent count, made straight from the XML with the standard library and DfE's
definitions (the KPI catalogue, ``domain``'s §1), equals ``sendassure kpis`` for every
measure of every section, on a seeded synthetic area sized by its own published figures
(England-scale calibration) with problems planted in it.

Nothing of the project is used to count: dates are read with ``date.fromisoformat``,
placements classified from the register CSV by DfE's caseload groupings. A record with a
problem is left out only where the field a definition needs is unusable (missing, not a
date, or after the return's ReferenceDate); a request repeated within a person counts
once. That is DfE's "not available": the project's quarantine and exclusions must come
to the same numbers.
"""

from __future__ import annotations

import copy
import csv
import json
import math
import random
import xml.etree.ElementTree as ET
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

import pytest
from typer.testing import CliRunner

from sendassure.cli import app
from sendassure.synth import generate_area

pytestmark = pytest.mark.django_db
runner = CliRunner()
YEAR = 2024
START, END = date(YEAR, 1, 1), date(YEAR, 12, 31)

MAINSTREAM = {
    "community school", "voluntary aided school", "voluntary controlled school",
    "foundation school", "academy converter", "academy sponsor led", "free schools",
    "city technology college", "university technical college", "studio schools",
    "local authority nursery school", "other independent school",
}
SPECIAL = {
    "community special school", "foundation special school", "academy special converter",
    "academy special sponsor led", "free schools special", "non-maintained special school",
    "other independent special school",
}


def pc(numerator: int, denominator: int):
    if not denominator:
        return None
    return str(Decimal(numerator / denominator * 100).quantize(Decimal("0.1"), ROUND_HALF_UP))


def weeks(days: list[int]):
    if not days:
        return None
    mean = math.fsum(d / 7 for d in days) / len(days)
    return str(Decimal(mean).quantize(Decimal("0.1"), ROUND_HALF_UP))


# ------------------------------------------------------------------ planting problems
def plant(path, seed: int) -> dict[str, int]:
    """Plant problems DfE treats as "not available" into persons chosen at random."""
    tree = ET.parse(path)
    persons = tree.getroot().findall("Persons/Person")
    rng = random.Random(seed)
    planted: dict[str, int] = {}

    def requests(kind):
        out = []
        for p in persons:
            for r in p.findall("Requests"):
                if kind(p, r):
                    out.append((p, r))
        return out

    def some(candidates, n=25):
        return rng.sample(candidates, min(n, len(candidates)))

    def text(element, name):
        return element.findtext(name) if element is not None else None

    decided = requests(lambda p, r: text(r, "RequestOutcome") in ("Y", "N")
                       and text(r, "RequestOutcomeDate") and text(r, "ReceivedDate"))
    for _, r in some(decided):  # SEN2-2007: decided before it was received
        received = date.fromisoformat(r.findtext("ReceivedDate"))
        r.find("RequestOutcomeDate").text = (received - timedelta(days=5)).isoformat()
    planted["outcome_before_received"] = min(25, len(decided))
    fresh = requests(lambda p, r: text(r, "RequestOutcome") in ("Y", "A")
                     and r.find("ReceivedDate") is not None)
    for _, r in some(fresh):  # SEN2-2002: no ReceivedDate
        r.remove(r.find("ReceivedDate"))
    issued = requests(lambda p, r: text(r.find("Assessment"), "AssessmentOutcome") == "Y"
                      and text(r.find("Assessment"), "AssessmentOutcomeDate"))
    for _, r in some(issued):  # SEN2-3001: not a date
        r.find("Assessment/AssessmentOutcomeDate").text = f"{YEAR}-02-30"
    for p in some(persons):  # SEN2-1000: birth date not a date
        p.find("PersonBirthDate").text = "2015-13-45"
    reviewed = requests(lambda p, r: text(r.find("ActivePlans"), "ReviewMeeting"))
    for _, r in some(reviewed):  # SEN2-5000: review meeting not a date
        r.find("ActivePlans/ReviewMeeting").text = f"{YEAR}-11-31"
    started = requests(lambda p, r: r.find("Assessment/NamedPlan/StartDate") is not None)
    for _, r in some(started):  # SEN2-4000: plan start not a date
        r.find("Assessment/NamedPlan/StartDate").text = f"{YEAR}-99-01"
    placed = requests(lambda p, r: r.find("ActivePlans/PlacementDetail/EntryDate") is not None)
    for _, r in some(placed):  # SEN2-5102: placement entry not a date
        r.find("ActivePlans/PlacementDetail/EntryDate").text = f"{YEAR}-06-31"
    single = [p for p in persons if len(p.findall("Requests")) == 1
              and p.find("Requests").findtext("RequestOutcome") in ("Y", "N")]
    for p in some(single):  # SEN2-2013: the same request twice
        requests_at = list(p).index(p.find("Requests"))
        p.insert(requests_at + 1, copy.deepcopy(p.find("Requests")))
    tree.write(path, encoding="UTF-8", xml_declaration=True)
    return planted


# ------------------------------------------------------------------ counting
def count(path, register_csv) -> dict:
    root = ET.parse(path).getroot()
    reference = date.fromisoformat(root.findtext("Header/CollectionDetails/ReferenceDate"))
    register = {}
    with open(register_csv, newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            register[row["URN"]] = (row["TypeOfEstablishment (name)"].strip().lower(),
                                    row["EstablishmentTypeGroup (name)"].strip().lower())

    def day(text):
        """A usable date: YYYY-MM-DD, a real day, not after the ReferenceDate."""
        if text is None or len(text.strip()) != 10:
            return None
        try:
            value = date.fromisoformat(text.strip())
        except ValueError:
            return None
        return value if value <= reference else None

    def flag(element, name):
        return element is not None and (element.findtext(name) or "").strip() == "1"

    cases = []  # (person, request) with repeated requests of a person counted once
    for person in root.iter("Person"):
        seen = set()
        for r in person.findall("Requests"):
            outcome = (r.findtext("RequestOutcome") or "").strip()
            if outcome == "H":
                start = r.findtext("Assessment/NamedPlan/StartDate")
                key = ("H", (start or r.findtext("ReceivedDate") or "").strip() or None)
            else:
                key = ("R", (r.findtext("ReceivedDate") or "").strip() or None)
            if key[1] is not None and key in seen:
                continue
            seen.add(key)
            cases.append((person, r))

    def in_year(value):
        return value is not None and START <= value <= END

    timely, timely_ex, received, decided, within6, refused = [], [], 0, 0, 0, 0
    not_issued, within16 = 0, 0
    open_ages = []
    reviews, reviews_within = 0, 0
    plans = mainstream = special = 0
    transfers = transfers_on_time = 0
    for person, r in cases:
        outcome = (r.findtext("RequestOutcome") or "").strip()
        rec = day(r.findtext("ReceivedDate"))
        decided_on = day(r.findtext("RequestOutcomeDate"))
        a = r.find("Assessment")
        a_outcome = (a.findtext("AssessmentOutcome") or "").strip() if a is not None else ""
        a_text = a.findtext("AssessmentOutcomeDate") if a is not None else None
        a_on = day(a_text)
        # §1.2
        if in_year(rec) and outcome != "H":
            received += 1
        if outcome in ("Y", "N") and in_year(decided_on) and rec and rec <= decided_on:
            decided += 1
            within6 += (decided_on - rec).days <= 42
            refused += outcome == "N"
        # §1.1 and §1.3 (an assessment follows its request's decision: a decision not yet
        # made by the census day hides the assessment)
        if rec and a_outcome == "Y" and in_year(a_on) and rec <= a_on and not any(
                flag(r, f) for f in ("RequestMediation", "RequestTribunal")) and not any(
                flag(a, f) for f in ("AssessmentMediation", "AssessmentTribunal")):
            d = (a_on - rec).days
            timely.append(d)
            if not flag(a, "Week20"):
                timely_ex.append(d)
        if rec and a_outcome == "N" and in_year(a_on) and rec <= a_on:
            not_issued += 1
            within16 += (a_on - rec).days <= 112
        # §1.4 on 31 December, as known then
        unusable = (a_text is not None and a_on is None) or (
            r.findtext("RequestOutcomeDate") is not None and decided_on is None)
        if rec and rec <= END and outcome != "H" and not unusable:
            request_known = outcome if (decided_on is None or decided_on <= END) else "A"
            if request_known not in ("N", "W") and outcome in ("Y", "N", "A", "W"):
                if request_known == "A":
                    is_open = True
                elif a is None or a_outcome in ("", "A"):
                    is_open = True
                elif a_outcome in ("N", "W", "H"):
                    is_open = a_on is not None and a_on > END
                else:  # Y: issued when dated, else agreed but not issued
                    is_open = a_on is None or a_on > END
                if is_open:
                    open_ages.append((END - rec).days)
        # §1.5, §1.6, §1.7 (active plans)
        active = r.find("ActivePlans")
        if active is None:
            continue
        plan = a.find("NamedPlan") if a is not None else None
        start = day(plan.findtext("StartDate")) if plan is not None else None
        cease = day(plan.findtext("CeaseDate")) if plan is not None else None
        meeting = day(active.findtext("ReviewMeeting"))
        if in_year(meeting):
            reviews += 1
            last = day(active.findtext("LastReview"))
            reviews_within += last is not None and 0 <= (last - meeting).days <= 28
        if start and start <= END and (cease is None or cease > END):
            plans += 1
            rank1 = next((p for p in active.findall("PlacementDetail")
                          if (p.findtext("PlacementRank") or "").strip() == "1"), None)
            entry_text = rank1.findtext("EntryDate") if rank1 is not None else None
            usable = rank1 is not None and (entry_text is None or day(entry_text))
            kind, group = register.get((rank1.findtext("URN") or "").strip(), ("", "")) \
                if usable else ("", "")
            if kind in MAINSTREAM or (not kind and group in (
                    "local authority maintained schools", "academies", "free schools",
                    "independent schools")):
                mainstream += 1
            elif kind in SPECIAL or (not kind and group == "special schools"):
                special += 1
        due = day(active.findtext("PhaseTransferDueDate"))
        if in_year(due):
            transfers += 1
            final = day(active.findtext("PhaseTransferFinalDate"))
            birth = day(person.findtext("PersonBirthDate"))
            post16 = birth is not None and birth <= date(due.year - 16, 8, 31)
            limit = date(due.year, 3, 31) if post16 else date(due.year, 2, 15)
            transfers_on_time += final is not None and final <= limit

    def bands(days):
        return (len(days), sum(d <= 140 for d in days), sum(140 < d <= 364 for d in days),
                sum(d > 364 for d in days))

    den, w20, mid, over = bands(timely)
    den_x, w20_x, mid_x, over_x = bands(timely_ex)
    return {
        "timeliness": {
            "plans_issued_den": den, "plans_issued_within_20_weeks": w20,
            "pc_plans_issued_within_20_weeks": pc(w20, den),
            "plans_issued_gt20weeks_ltyear": mid, "pc_plans_issued_gt20weeks_ltyear": pc(mid, den),
            "plans_issued_gt_1_year": over, "pc_plans_issued_gt_1_year": pc(over, den),
            "avg_weeks_issue_plan": weeks(timely),
            "plans_issued_den_ex": den_x, "plans_issued_20_weeks_ex": w20_x,
            "pc_plans_issued_20_weeks_ex": pc(w20_x, den_x),
            "plans_issued_gt20weeks_ltyear_ex": mid_x,
            "pc_plans_issued_gt20weeks_ltyear_ex": pc(mid_x, den_x),
            "plans_issued_gt_1_year_ex": over_x, "pc_plans_issued_gt_1_year_ex": pc(over_x, den_x),
            "avg_weeks_issue_plan_exc": weeks(timely_ex),
        },
        "decisions": {
            "requests_received": received, "requests_decided": decided,
            "decided_within_6_weeks": within6, "pc_decided_within_6_weeks": pc(within6, decided),
            "requests_refused": refused, "pc_requests_refused": pc(refused, decided),
        },
        "not_to_issue": {
            "not_to_issue": not_issued, "not_to_issue_within_16_weeks": within16,
            "pc_not_to_issue_within_16_weeks": pc(within16, not_issued),
        },
        "open_assessments": {
            "open_total": len(open_ages),
            "open_over_20_weeks": sum(a > 140 for a in open_ages),
            "open_over_30_weeks": sum(a > 210 for a in open_ages),
            "open_over_52_weeks": sum(a > 364 for a in open_ages),
            "due_to_breach_4_weeks": sum(112 < a <= 140 for a in open_ages),
        },
        "annual_reviews": {
            "reviews_held": reviews, "reviews_within_4_weeks": reviews_within,
            "pc_reviews_within_4_weeks": pc(reviews_within, reviews),
        },
        "caseload": {
            "ehcplans": plans, "mainstream_total": mainstream,
            "mainstream_total_pc": pc(mainstream, plans), "special_total": special,
            "special_total_pc": pc(special, plans),
        },
        "phase_transfers": {
            "phase_transfers_due": transfers, "phase_transfers_on_time": transfers_on_time,
            "pc_phase_transfers_on_time": pc(transfers_on_time, transfers),
        },
    }


def test_an_independent_count_from_the_xml_equals_sendassure_kpis(tmp_path):
    (path,) = generate_area("886", [YEAR], "england", 2026, tmp_path)
    register = tmp_path / "establishments.csv"
    plant(path, seed=16)
    imported = tmp_path / "report.json"
    result = runner.invoke(app, ["import", "sen2", str(path), "--report-json", str(imported)])
    assert result.exit_code == 0, result.output
    report = json.loads(imported.read_text())
    codes = {i["code"] for i in report["issues"] if i["severity"] == "error"}
    assert {"SEN2-1000", "SEN2-2002", "SEN2-2007", "SEN2-2013", "SEN2-3001", "SEN2-4000",
            "SEN2-5000", "SEN2-5102"} <= codes
    # only what no measure can use is quarantined whole: the repeated requests
    whole = {i["code"] for i in report["issues"] if i["excluded_from"] == ["all"]}
    assert whole == {"SEN2-2013"} and "person" not in report["quarantined"]
    loaded = runner.invoke(app, ["establishments", "load", str(register)])
    assert loaded.exit_code == 0, loaded.output
    result = runner.invoke(app, ["kpis", "--year", str(YEAR), "--area", "886"])
    assert result.exit_code == 0, result.output
    ours = json.loads(result.output)
    expected = count(path, register)
    assert set(ours) == set(expected)
    assert expected["timeliness"]["plans_issued_den"] > 500  # a real area, not a toy
    for section, measures in expected.items():
        got = {k: (str(v) if isinstance(v, float) else v) for k, v in ours[section].items()}
        assert got == measures, section
