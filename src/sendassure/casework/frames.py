"""Build the KPI engine's two frames from the stored case records of some areas.

Quarantined records never reach the case tables, so they never reach a measure; a
request stored with exclusions carries them (``excluded_from``) and each measure leaves
it out where they say (``kpis.exclusions``).
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from sendassure.kpis.frames import active_plans_frame, requests_frame
from sendassure.sen2.establishment_type import classify_placement

from . import models as m


def _flag(value: bool | None) -> str | None:
    return None if value is None else ("1" if value else "0")


def _primary_needs(areas: Sequence[str] | None) -> dict[int, str]:
    """Each person's primary (rank-1) need, from their most recently reported active plan."""
    needs = m.SenNeed.objects.filter(sen_type_rank=1)
    if areas:
        needs = needs.filter(active_plan__request__la__in=areas)
    rows = needs.order_by("active_plan__request__reference_date", "id").values_list(
        "active_plan__request__person_id", "sen_type"
    )
    return dict(rows)


def requests_for(areas: Sequence[str] | None = None) -> pl.DataFrame:
    needs = _primary_needs(areas)
    requests = m.Request.objects.all()
    if areas:
        requests = requests.filter(la__in=areas)
    fields = (
        "la", "id", "person_id", "received_date", "request_source", "rya", "request_outcome",
        "request_outcome_date", "request_mediation", "request_tribunal",
        "assessment__assessment_outcome", "assessment__assessment_outcome_date",
        "assessment__assessment_mediation", "assessment__assessment_tribunal",
        "assessment__week20", "assessment__named_plan__start_date", "person__sex",
        "person__birth_month", "person__ethnicity", "person__postcode_district",
        "excluded_from",
    )  # fmt: skip
    rows = []
    for r in requests.values_list(*fields).iterator(chunk_size=5000):
        rows.append({
            "la": r[0], "request_id": r[1], "person_id": r[2], "received_date": r[3],
            "request_source": r[4] or None, "rya": _flag(r[5]), "request_outcome": r[6] or None,
            "request_outcome_date": r[7], "request_mediation": r[8], "request_tribunal": r[9],
            "assessment_outcome": r[10] or None, "assessment_outcome_date": r[11],
            "assessment_mediation": bool(r[12]), "assessment_tribunal": bool(r[13]),
            "week20": bool(r[14]), "plan_start_date": r[15], "sex": r[16] or None,
            "birth_month": r[17], "ethnicity": r[18] or None, "locality": r[19] or None,
            "primary_need": needs.get(r[2]), "excluded_from": r[20] or None,
        })
    return requests_frame(rows)


def _rank_one_placements(areas: Sequence[str] | None) -> dict[int, tuple[str | None, str]]:
    """active plan id -> (establishment type, SENSetting) of its rank-1 placement."""
    register = {
        e.urn: e for e in m.Establishment.objects.only("urn", "type_of_establishment", "type_group")
    }
    placements = m.PlacementDetail.objects.filter(placement_rank=1)
    if areas:
        placements = placements.filter(active_plan__request__la__in=areas)
    found = {}
    for plan_id, urn, setting, unit, resourced in placements.order_by("id").values_list(
        "active_plan_id", "urn", "sen_setting", "sen_unit_indicator",
        "resourced_provision_indicator",
    ):
        if plan_id in found:
            continue
        school = register.get(urn) if urn else None
        if school is None and not setting:
            kind = None  # a URN we cannot place: unknown, not guessed
        else:
            kind = classify_placement(
                school.type_of_establishment if school else None,
                school.type_group if school else None,
                setting or None, _flag(unit), _flag(resourced),
            )
        found[plan_id] = (kind, setting or None)
    return found


def active_plans_for(areas: Sequence[str] | None = None) -> pl.DataFrame:
    placements = _rank_one_placements(areas)
    needs = m.SenNeed.objects.filter(sen_type_rank=1)
    plans = m.ActivePlan.objects.all()
    if areas:
        plans = plans.filter(request__la__in=areas)
        needs = needs.filter(active_plan__request__la__in=areas)
    need_of = dict(needs.values_list("active_plan_id", "sen_type"))
    fields = (
        "request__la", "id", "request__person_id", "request_id",
        "request__assessment__named_plan__start_date",
        "request__assessment__named_plan__cease_date", "review__review_meeting",
        "review__last_review", "review__review_outcome", "phase_transfer__due_date",
        "phase_transfer__final_date", "request__person__sex", "request__person__birth_month",
        "request__person__ethnicity", "request__person__postcode_district",
        "request__excluded_from",
    )  # fmt: skip
    rows = []
    for r in plans.values_list(*fields).iterator(chunk_size=5000):
        kind, setting = placements.get(r[1], (None, None))
        rows.append({
            "la": r[0], "active_plan_id": r[1], "person_id": r[2], "request_id": r[3],
            "start_date": r[4], "cease_date": r[5], "review_meeting": r[6], "last_review": r[7],
            "review_outcome": r[8] or None, "phase_transfer_due_date": r[9],
            "phase_transfer_final_date": r[10], "establishment_type": kind, "sen_setting": setting,
            "primary_need": need_of.get(r[1]), "sex": r[11] or None, "birth_month": r[12],
            "ethnicity": r[13] or None, "locality": r[14] or None,
            "excluded_from": r[15] or None,
        })
    return active_plans_frame(rows)
