"""Raw SEN2 text -> model field values, for records the rules have let through.

Tolerant by design: a value that only raised a query (or none at all) must never crash
the store, so text is trimmed to the column's width and unreadable values become empty.
"""

from __future__ import annotations

import json
from datetime import date

from sendassure.kpis import exclusions
from sendassure.sen2 import values

from .records import ActivePlan, Assessment, NamedPlan, Person, Placement, PlanDetail, Request
from .records import SenNeed as SenNeedRecord

GENDER_TO_SEX = {"1": "M", "2": "F"}


def text(value: str | None, width: int) -> str:
    return (value or "").strip()[:width]


def flag(value: str | None) -> bool:
    return (value or "").strip() == "1"


def maybe_flag(value: str | None) -> bool | None:
    value = (value or "").strip()
    return {"1": True, "0": False}.get(value)


def day(value: str | None) -> date | None:
    return values.parse_date(value)


def small_int(value: str | None) -> int | None:
    value = (value or "").strip()
    return int(value) if value.isdigit() and len(value) <= 3 else None


def person_fields(person: Person) -> dict:
    birth = day(person.get("PersonBirthDate"))
    sex = text(person.get("Sex"), 1) or GENDER_TO_SEX.get(text(person.get("GenderCurrent"), 1), "")
    return {
        "sex": sex,
        "birth_month": values.month_of_birth(birth) if birth else None,
        "ethnicity": text(person.get("Ethnicity"), 4),
        "postcode_district": text(values.postcode_district(person.get("PostCode")), 4),
        "upn_unknown": text(person.get("UPNunknown"), 4),
    }


def identity_fields(person: Person) -> dict:
    return {
        "upn": text(person.get("UPN"), 13).upper(),
        "uln": text(person.get("UniqueLearnerNumber"), 10),
    }


def request_fields(request: Request) -> dict:
    return {
        "received_date": day(request.get("ReceivedDate")),
        "request_source": text(request.get("RequestSource"), 1),
        "rya": maybe_flag(request.get("RYA")),
        "request_outcome": text(request.get("RequestOutcome"), 1),
        "request_outcome_date": day(request.get("RequestOutcomeDate")),
        "request_mediation": flag(request.get("RequestMediation")),
        "request_tribunal": flag(request.get("RequestTribunal")),
        "exported": text(request.get("Exported"), 3),
        "excluded_from": exclusions.written(
            s for sections in request.exclusions.values() for s in sections) or "",
        "exclusions": json.dumps({code: sorted(sections) for code, sections
                                  in sorted(request.exclusions.items())})
        if request.exclusions else "",
    }


def request_match(request: Request) -> tuple[bool, date | None]:
    """(historical, date) by which a request is matched across returns: ReceivedDate, or
    for a historical ``H`` request the plan's StartDate (ReceivedDate if that is absent)."""
    historical = text(request.get("RequestOutcome"), 1) == "H"
    if historical:
        plan = request.assessment.named_plan if request.assessment else None
        start = day(plan.get("StartDate")) if plan else None
        return True, start or day(request.get("ReceivedDate"))
    return False, day(request.get("ReceivedDate"))


def plan_start(request: Request) -> date | None:
    plan = request.assessment.named_plan if request.assessment else None
    return day(plan.get("StartDate")) if plan else None


def assessment_fields(assessment: Assessment) -> dict:
    return {
        "assessment_outcome": text(assessment.get("AssessmentOutcome"), 1),
        "assessment_outcome_date": day(assessment.get("AssessmentOutcomeDate")),
        "assessment_mediation": flag(assessment.get("AssessmentMediation")),
        "assessment_tribunal": flag(assessment.get("AssessmentTribunal")),
        "other_mediation": flag(assessment.get("OtherMediation")),
        "other_tribunal": flag(assessment.get("OtherTribunal")),
        "week20": flag(assessment.get("Week20")),
    }


def named_plan_fields(plan: NamedPlan) -> dict:
    return {
        "start_date": day(plan.get("StartDate")),
        "plan_res": text(plan.get("PlanRes"), 1),
        "plan_wbp": text(plan.get("PlanWBP"), 1),
        "pb": maybe_flag(plan.get("PB")),
        "oa": maybe_flag(plan.get("OA")),
        "dp": text(plan.get("DP"), 1),
        "cease_date": day(plan.get("CeaseDate")),
        "cease_reason": text(plan.get("CeaseReason"), 1),
    }


def _setting_fields(record: PlanDetail | Placement) -> dict:
    return {
        "urn": text(record.get("URN"), 6),
        "ukprn": text(record.get("UKPRN"), 8),
        "sen_setting": text(record.get("SENSetting"), 5),
        "sen_setting_other": text(record.get("SENSettingOther"), 100),
        "placement_rank": small_int(record.get("PlacementRank")),
        "sen_unit_indicator": maybe_flag(record.get("SENunitIndicator")),
        "resourced_provision_indicator": maybe_flag(record.get("ResourcedProvisionIndicator")),
    }


def plan_detail_fields(detail: PlanDetail) -> dict:
    return _setting_fields(detail)


def placement_fields(placement: Placement) -> dict:
    return {
        **_setting_fields(placement),
        "entry_date": day(placement.get("EntryDate")),
        "leaving_date": day(placement.get("LeavingDate")),
        "res": text(placement.get("Res"), 1),
        "wbp": text(placement.get("WBP"), 1),
    }


def active_plan_fields(active: ActivePlan) -> dict:
    return {
        "transfer_la": text(active.get("TransferLA"), 3),
        "res": text(active.get("Res"), 1),
        "wbp": text(active.get("WBP"), 1),
    }


def review_fields(active: ActivePlan) -> dict | None:
    fields = {
        "review_meeting": day(active.get("ReviewMeeting")),
        "last_review": day(active.get("LastReview")),
        "review_outcome": text(active.get("ReviewOutcome"), 1),
        "review_draft": day(active.get("ReviewDraft")),
    }
    return fields if any(fields.values()) else None


def phase_transfer_fields(active: ActivePlan) -> dict | None:
    fields = {
        "due_date": day(active.get("PhaseTransferDueDate")),
        "final_date": day(active.get("PhaseTransferFinalDate")),
    }
    return fields if any(fields.values()) else None


def sen_need_fields(need: SenNeedRecord) -> dict:
    return {
        "sen_type": text(need.get("SENtype"), 4),
        "sen_type_rank": small_int(need.get("SENtypeRank")),
    }
