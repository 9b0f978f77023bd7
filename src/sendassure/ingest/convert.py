"""Raw SEN2 text -> model field values, for records the rules have let through.

Tolerant by design: a value that only raised a query (or none at all) must never crash
the store, so text is trimmed to the column's width and unreadable values become empty.
A coded field (a code list, an identifier, an LA code) keeps its value only when it has
the field's format (``formats.is_valid``): anything else, which may be a name sent in
the wrong field, is stored empty rather than cut to the column's width.
"""

from __future__ import annotations

import json
from datetime import date

from sendassure.kpis import exclusions
from sendassure.sen2 import values

from . import formats
from .records import ActivePlan, Assessment, NamedPlan, Person, Placement, PlanDetail, Request
from .records import SenNeed as SenNeedRecord

GENDER_TO_SEX = {"1": "M", "2": "F"}


def text(value: str | None, width: int) -> str:
    return (value or "").strip()[:width]


def coded(record, field: str, width: int) -> str:
    """A coded field's text if it has the field's format, else empty."""
    value = record.get(field)
    return text(value, width) if value is not None and formats.is_valid(field, value) else ""


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
    sex = coded(person, "Sex", 1) or GENDER_TO_SEX.get(coded(person, "GenderCurrent", 1), "")
    return {
        "sex": sex,
        "birth_month": values.month_of_birth(birth) if birth else None,
        "ethnicity": coded(person, "Ethnicity", 4),
        "postcode_district": text(values.postcode_district(person.get("PostCode")), 4),
        "upn_unknown": coded(person, "UPNunknown", 4),
    }


def identity_fields(person: Person) -> dict:
    upn = text(person.get("UPN"), 13).upper()  # matched upper-cased, as privacy.match_key
    return {
        "upn": upn if values.is_upn_format(upn) else "",
        "uln": coded(person, "UniqueLearnerNumber", 10),
    }


def request_fields(request: Request) -> dict:
    return {
        "received_date": day(request.get("ReceivedDate")),
        "request_source": coded(request, "RequestSource", 1),
        "rya": maybe_flag(request.get("RYA")),
        "request_outcome": coded(request, "RequestOutcome", 1),
        "request_outcome_date": day(request.get("RequestOutcomeDate")),
        "request_mediation": flag(request.get("RequestMediation")),
        "request_tribunal": flag(request.get("RequestTribunal")),
        "exported": coded(request, "Exported", 3),
        "excluded_from": exclusions.written(
            s for sections in request.exclusions.values() for s in sections) or "",
        "exclusions": json.dumps({code: sorted(sections) for code, sections
                                  in sorted(request.exclusions.items())})
        if request.exclusions else "",
    }


def request_match(request: Request) -> tuple[bool, date | None]:
    """(historical, date) by which a request is matched across returns: ReceivedDate, or
    for a historical ``H`` request the plan's StartDate (ReceivedDate if that is absent)."""
    historical = coded(request, "RequestOutcome", 1) == "H"
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
        "assessment_outcome": coded(assessment, "AssessmentOutcome", 1),
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
        "plan_res": coded(plan, "PlanRes", 1),
        "plan_wbp": coded(plan, "PlanWBP", 1),
        "pb": maybe_flag(plan.get("PB")),
        "oa": maybe_flag(plan.get("OA")),
        "dp": coded(plan, "DP", 1),
        "cease_date": day(plan.get("CeaseDate")),
        "cease_reason": coded(plan, "CeaseReason", 1),
    }


def _setting_fields(record: PlanDetail | Placement) -> dict:
    return {
        "urn": coded(record, "URN", 6),
        "ukprn": coded(record, "UKPRN", 8),
        "sen_setting": coded(record, "SENSetting", 5),
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
        "res": coded(placement, "Res", 1),
        "wbp": coded(placement, "WBP", 1),
    }


def active_plan_fields(active: ActivePlan) -> dict:
    return {
        "transfer_la": coded(active, "TransferLA", 3),
        "res": coded(active, "Res", 1),
        "wbp": coded(active, "WBP", 1),
    }


def review_fields(active: ActivePlan) -> dict | None:
    fields = {
        "review_meeting": day(active.get("ReviewMeeting")),
        "last_review": day(active.get("LastReview")),
        "review_outcome": coded(active, "ReviewOutcome", 1),
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
        "sen_type": coded(need, "SENtype", 4),
        "sen_type_rank": small_int(need.get("SENtypeRank")),
    }
