"""Shared builders for the ingest tests: a valid SEN2 person made directly from the
record dataclasses, with any module's fields overridden, and a one-rule checker."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from sendassure.ingest.records import (
    ActivePlan,
    Assessment,
    Header,
    NamedPlan,
    Person,
    Placement,
    PlanDetail,
    Request,
    SenNeed,
)
from sendassure.ingest.rules import Checker, Issue, Rule

P = "/Message/Persons/Person[1]"
R = f"{P}/Requests[1]"

HEADER = {"Collection": "SEN2", "Year": "2025", "ReferenceDate": "2025-01-16", "LEA": "886"}

# A person valid under every rule (ReferenceDate 2025-01-16): born 2012, one request
# received in March 2024, assessed, plan issued in July, placed and reviewed since.
PERSON = {
    "PersonBirthDate": "2012-03-04", "Sex": "F", "Ethnicity": "WBRI",
    "PostCode": "ME14 1XX", "UPN": "B801200005001", "UniqueLearnerNumber": "1234567890",
}  # fmt: skip
REQUEST = {
    "ReceivedDate": "2024-03-01", "RequestSource": "1", "RYA": "0",
    "RequestOutcomeDate": "2024-04-10", "RequestOutcome": "Y",
    "RequestMediation": "0", "RequestTribunal": "0",
}  # fmt: skip
ASSESSMENT = {
    "AssessmentOutcome": "Y", "AssessmentOutcomeDate": "2024-07-15",
    "AssessmentMediation": "0", "AssessmentTribunal": "0", "OtherMediation": "0",
    "OtherTribunal": "0", "Week20": "0",
}  # fmt: skip
NAMED_PLAN = {"StartDate": "2024-07-15", "PB": "0", "OA": "0"}
PLAN_DETAIL = {
    "URN": "118000", "PlacementRank": "1", "SENunitIndicator": "0",
    "ResourcedProvisionIndicator": "0",
}  # fmt: skip
ACTIVE_PLAN = {"ReviewMeeting": "2024-11-01", "LastReview": "2024-11-20", "ReviewOutcome": "M"}
PLACEMENT = {
    "URN": "118000", "PlacementRank": "1", "EntryDate": "2024-09-01",
    "SENunitIndicator": "0", "ResourcedProvisionIndicator": "0",
}  # fmt: skip
SEN_NEED = {"SENtype": "ASD", "SENtypeRank": "1"}


def _merge(base: dict, override: object) -> dict:
    return {**base, **(override if isinstance(override, dict) else {})}


def build_person(
    person: dict | None = None,
    request: dict | None = None,
    assessment: dict | bool | None = None,
    named_plan: dict | bool | None = None,
    plan_details: list[dict] | None = None,
    active_plan: dict | bool | None = None,
    placements: list[dict] | None = None,
    sen_needs: list[dict] | None = None,
    location: str = P,
) -> Person:
    """A valid person with one full request; dicts override fields (``None`` blanks a
    field), ``False`` leaves a module out, lists replace the repeated modules."""
    req_loc = f"{location}/Requests[1]"
    req = Request(req_loc, _merge(REQUEST, request))
    if assessment is not False:
        ass = Assessment(f"{req_loc}/Assessment", _merge(ASSESSMENT, assessment))
        if named_plan is not False:
            plan_loc = f"{req_loc}/Assessment/NamedPlan"
            plan = NamedPlan(plan_loc, _merge(NAMED_PLAN, named_plan))
            details = plan_details if plan_details is not None else [{}]
            plan.plan_details = [
                PlanDetail(f"{plan_loc}/PlanDetail[{i}]", _merge(PLAN_DETAIL, d))
                for i, d in enumerate(details, start=1)
            ]
            ass.named_plan = plan
        req.assessment = ass
    if active_plan is not False:
        act_loc = f"{req_loc}/ActivePlans"
        act = ActivePlan(act_loc, _merge(ACTIVE_PLAN, active_plan))
        act.placements = [
            Placement(f"{act_loc}/PlacementDetail[{i}]", _merge(PLACEMENT, p))
            for i, p in enumerate(placements if placements is not None else [{}], start=1)
        ]
        act.sen_needs = [
            SenNeed(f"{act_loc}/SENneed[{i}]", _merge(SEN_NEED, n))
            for i, n in enumerate(sen_needs if sen_needs is not None else [{}], start=1)
        ]
        req.active_plan = act
    return Person(location, _merge(PERSON, person), requests=[req])


def make_header(**fields: str) -> Header:
    return Header("/Message/Header", _merge(HEADER, fields))


@pytest.fixture
def build() -> Callable[..., Person]:
    return build_person


@pytest.fixture
def check() -> Callable[..., list[Issue]]:
    """Run one rule over persons (in order, through one Checker) and return its issues."""

    def run(rule: Rule, *persons: Person, header: Header | None = None) -> list[Issue]:
        checker = Checker(header or make_header(), rules=[rule])
        return [issue for person in persons for issue in checker.check(person)]

    return run


@pytest.fixture
def header_with() -> Callable[..., Header]:
    return make_header
