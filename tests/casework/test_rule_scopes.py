"""Each error rule's scope, end to end: a record with only that problem counts in every
measure section outside the rule's ``excluded_from`` and in none inside it (the KPI
catalogue, "Records with problems"). A rule excluded from ``all`` quarantines the record
whole, so it adds nothing anywhere.

For each rule the test imports one person whose record is clean but for the one problem,
checks that exactly that rule fired, and counts the record in each section's population
(``kpis`` populations over the stored records, as every figure reads them), against the
same person imported clean.
"""

from __future__ import annotations

from datetime import date

import pytest

from sendassure.casework import models as m
from sendassure.figures.inputs import build
from sendassure.ingest.importer import import_sen2
from sendassure.ingest.models import ImportRun
from sendassure.ingest.rules import all_rules
from sendassure.kpis import (
    annual_reviews,
    caseload,
    decisions,
    not_to_issue,
    open_assessments,
    phase_transfers,
    timeliness,
)
from sendassure.kpis.exclusions import ALL, SECTIONS

from .sen2_builder import person, request, write

pytestmark = pytest.mark.django_db
START, END, ON = date(2024, 1, 1), date(2024, 12, 31), date(2025, 1, 16)


def _decided(frames, column):
    pop = decisions.population(frames.requests, START, END, ON)
    return int(pop[column].sum())


COUNT = {
    "requests_received": lambda f: _decided(f, "received"),
    "decisions": lambda f: _decided(f, "decided"),
    "timeliness": lambda f: timeliness.population(f.requests, START, END, ON).height,
    "not_to_issue": lambda f: not_to_issue.population(f.requests, START, END, ON).height,
    "open_assessments": lambda f: open_assessments.population(f.requests, ON).height,
    "annual_reviews": lambda f: annual_reviews.population(f.active_plans, START, END, ON).height,
    "reviews_overdue": lambda f: annual_reviews.overdue_population(f.active_plans, ON).height,
    "caseload": lambda f: caseload.population(f.active_plans, ON).height,
    "placements": lambda f: caseload.population(f.active_plans, ON)[
        "establishment_type"].is_not_null().sum(),
    "phase_transfers": lambda f: phase_transfers.population(
        f.active_plans, START, END, ON).height,
    "age_group": lambda f: f.requests["birth_month"].is_not_null().sum()
    + f.active_plans["birth_month"].is_not_null().sum(),
}


def _issued(**change):
    """A plan issued in 2024, active on the census day, reviewed and transferred in 2024:
    a record every section but not-to-issue and open assessments counts."""
    fields = {"received": "2024-01-10", "outcome_date": "2024-02-15"}
    assessment = {
        "AssessmentOutcome": "Y", "AssessmentOutcomeDate": "2024-05-20",
        "AssessmentMediation": "0", "AssessmentTribunal": "0", "OtherMediation": "0",
        "OtherTribunal": "0", "Week20": "0",
        "NamedPlan": {"StartDate": "2024-05-20", "CeaseDate": None, "CeaseReason": None,
                      "PlanDetail": [{"SENSetting": "OTH", "PlacementRank": "1"}]},
    }
    active = {
        "PlacementDetail": [{"SENSetting": "OTH", "PlacementRank": "1",
                             "EntryDate": "2024-05-20"}],
        "SENneed": [{"SENtype": "ASD", "SENtypeRank": "1"}],
        "ReviewMeeting": "2024-11-01", "LastReview": "2024-11-20", "ReviewOutcome": "M",
        "PhaseTransferDueDate": "2024-09-01", "PhaseTransferFinalDate": "2024-02-10",
    }
    return _apply(fields, assessment, active, change)


def _refused(**change):
    """An assessment that ended in a decision not to issue, in 2024."""
    fields = {"received": "2024-01-10", "outcome_date": "2024-02-15"}
    assessment = {"AssessmentOutcome": "N", "AssessmentOutcomeDate": "2024-05-01",
                  "AssessmentMediation": "0", "AssessmentTribunal": "0",
                  "OtherMediation": "0", "OtherTribunal": "0", "Week20": "0"}
    return _apply(fields, assessment, None, change)


def _awaiting(**change):
    """A request awaiting its decision on the census day: an open case."""
    fields = {"received": "2024-10-01", "outcome": "A", "outcome_date": None}
    return _apply(fields, None, None, change)


def _apply(fields, assessment, active, change):
    who = {"PersonBirthDate": change.pop("PersonBirthDate", "2015-06-15")}
    mapping = {"ReceivedDate": "received", "RequestOutcome": "outcome",
               "RequestOutcomeDate": "outcome_date"}
    for name, value in change.items():
        if name in mapping:
            fields[mapping[name]] = value
        elif assessment is not None and name in assessment:
            assessment[name] = value
        elif assessment is not None and name in assessment.get("NamedPlan", {}):
            assessment["NamedPlan"][name] = value
        elif name == "EntryDate":
            active["PlacementDetail"][0]["EntryDate"] = value
        elif active is not None and name in active:
            active[name] = value
        else:
            raise KeyError(name)
    if assessment and "NamedPlan" in assessment:
        assessment["NamedPlan"] = {k: v for k, v in assessment["NamedPlan"].items()
                                   if v is not None}
    return person(1, [request(assessment=assessment, active=active, **fields)], **who)


# rule -> (base record, the one problem); each case is checked against its base, clean
CASES = {
    "SEN2-1000": [(_issued, {"PersonBirthDate": "2015-13-45"})],
    "SEN2-1001": [(_issued, {"PersonBirthDate": "2025-03-01"})],
    "SEN2-1003": [(_issued, {"PersonBirthDate": "1994-06-15"})],
    "SEN2-2000": [(_issued, {"RequestOutcome": "X"}), (_awaiting, {"RequestOutcome": "X"})],
    "SEN2-2001": [(_issued, {"ReceivedDate": "2024-01-99"}),
                  (_issued, {"RequestOutcomeDate": "2024-02-99"}),
                  (_awaiting, {"ReceivedDate": "2024-10-99"})],
    "SEN2-2002": [(_issued, {"ReceivedDate": None}), (_refused, {"ReceivedDate": None})],
    "SEN2-2007": [(_issued, {"RequestOutcomeDate": "2024-01-05"})],
    "SEN2-2008": [(_awaiting, {"ReceivedDate": "2025-02-01"}),
                  (_issued, {"RequestOutcomeDate": "2025-02-01"})],
    "SEN2-3000": [(_issued, {"AssessmentOutcome": "X"}), (_refused, {"AssessmentOutcome": "X"})],
    "SEN2-3001": [(_issued, {"AssessmentOutcomeDate": "2024-05-99"}),
                  (_refused, {"AssessmentOutcomeDate": "2024-05-99"})],
    "SEN2-3002": [(_refused, {"AssessmentOutcomeDate": None})],
    "SEN2-3005": [(_issued, {"AssessmentOutcomeDate": "2024-01-05"}),
                  (_refused, {"AssessmentOutcomeDate": "2024-01-05"})],
    "SEN2-3007": [(_issued, {"AssessmentOutcomeDate": "2025-02-01"})],
    "SEN2-4000": [(_issued, {"StartDate": "2024-05-99"})],
    "SEN2-4002": [(_issued, {"CeaseDate": "2024-04-01", "CeaseReason": "1"})],
    "SEN2-4006": [(_issued, {"StartDate": "2025-02-01"})],
    "SEN2-5000": [(_issued, {"ReviewMeeting": "2024-11-99"}),
                  (_issued, {"LastReview": "2024-11-99"}),
                  (_issued, {"PhaseTransferDueDate": "2024-09-99"}),
                  (_issued, {"PhaseTransferFinalDate": "2024-02-99"})],
    "SEN2-5102": [(_issued, {"EntryDate": "2024-05-99"})],
}
PARAMS = [pytest.param(code, base, change, id=f"{code}-{base.__name__[1:]}-{'-'.join(change)}")
          for code, cases in CASES.items() for base, change in cases]


@pytest.fixture
def reset_database():
    """Forget every stored record, so that a test can import a second version."""
    def reset():
        m.Person.objects.all().delete()
        ImportRun.objects.all().delete()
    return reset


def _counts(tmp_path, name, people):
    report = import_sen2([write(tmp_path, name, people)])
    assert report.status == "stored", report.message
    frames = build(["886"])
    return report, {section: int(COUNT[section](frames)) for section in SECTIONS}


def test_every_error_rule_has_a_case_here():
    assert {r.code for r in all_rules() if r.severity == "error"} - {"SEN2-2013"} == set(CASES)


@pytest.mark.parametrize(("code", "base", "change"), PARAMS)
def test_a_record_with_one_problem_counts_only_outside_its_rule_scope(
        tmp_path, code, base, change, reset_database):
    _, clean = _counts(tmp_path, "clean.xml", [base()])
    reset_database()
    report, barred = _counts(tmp_path, "barred.xml", [base(**dict(change))])
    errors = [i for i in report.issues if i.severity == "error"]
    assert {i.code for i in errors} == {code}, [i.message for i in errors]
    scope = set(errors[0].excluded_from)
    assert scope and ALL not in scope
    expected = {s: 0 if s in scope else clean[s] for s in SECTIONS}
    assert barred == expected
    # the case is a real test: the record counted somewhere inside the scope when clean
    assert any(clean[s] for s in scope), clean


def test_a_record_no_measure_can_use_adds_nothing_anywhere(tmp_path, reset_database):
    _, clean = _counts(tmp_path, "clean.xml", [_issued()])
    reset_database()
    first = _issued()["Requests"][0]
    report, twice = _counts(tmp_path, "twice.xml", [person(1, [first, first])])
    assert [(i.code, i.excluded_from) for i in report.issues if i.severity == "error"] == [
        ("SEN2-2013", (ALL,))]
    assert report.quarantined["request"] == 1
    assert twice == clean and any(clean.values())
