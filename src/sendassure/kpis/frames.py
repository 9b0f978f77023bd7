"""The two narrow frames every KPI reads, as polars schemas, and their constructors.

The importer builds them from the database (quarantined records never reach them).
One row per request (with its assessment and named plan flattened in) and one row per
active plan. Names are SEN2 field names in snake_case (``sendassure.sen2`` lists the return's fields).

requests (one row per SEN2 ``Requests`` record)
    la                       str   3-digit LA code of the return
    request_id, person_id    int   database keys
    received_date            date  ``ReceivedDate`` (start of the 20-week clock); may be null
                                   for historical (``H``) requests
    request_source           str   ``RequestSource`` code 1-5
    rya                      str   ``RYA`` 1/0 (request from a young person aged 16-25)
    request_outcome          str   ``RequestOutcome`` Y / N / A / W / H
    request_outcome_date     date  ``RequestOutcomeDate``
    request_mediation        bool  ``RequestMediation = 1``
    request_tribunal         bool  ``RequestTribunal = 1``
    assessment_outcome       str   ``AssessmentOutcome`` Y / N / A / W / H; null if no assessment
    assessment_outcome_date  date  ``AssessmentOutcomeDate``; blank for a plan agreed, not issued
    assessment_mediation     bool  ``AssessmentMediation = 1``
    assessment_tribunal      bool  ``AssessmentTribunal = 1``
    week20                   bool  ``Week20 = 1``: a reg 13(3) exception applies
    plan_start_date          date  ``NamedPlan/StartDate``
    sex                      str   M / F (anything else is "unknown")
    birth_month              date  first day of the month of birth (the day is not kept)
    ethnicity                str   CBDS ethnicity code (e.g. WBRI), may be null
    locality                 str   postcode district (e.g. ME14), may be null
    primary_need             str   rank-1 ``SENtype`` (ASD, SEMH...), may be null
    excluded_from            str   measure sections a validation error bars the request from,
                                   ``",timeliness,"`` (``kpis.exclusions``); null: none. A row
                                   barred from ``age_group`` has its birth_month nulled

active plans (one row per SEN2 ``ActivePlans`` record)
    la, active_plan_id, person_id, request_id
    start_date, cease_date           date  of the named plan
    review_meeting, last_review      date  ``ReviewMeeting``; ``LastReview`` = decision notified
    review_outcome                   str   A / C / M
    phase_transfer_due_date          date  ``PhaseTransferDueDate``
    phase_transfer_final_date        date  ``PhaseTransferFinalDate``
    establishment_type               str   "mainstream" / "special" / "other" (rank-1 placement,
                                           from the establishments register); null if unknown
    sen_setting                      str   ``SENSetting`` of the rank-1 placement
    primary_need, sex, birth_month, ethnicity, locality   as for requests
    excluded_from                    str   as for requests (the plan's request and below)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import polars as pl

from sendassure.kpis.exclusions import without_age

REQUESTS_SCHEMA: dict[str, pl.DataType] = {
    "la": pl.String(),
    "request_id": pl.Int64(),
    "person_id": pl.Int64(),
    "received_date": pl.Date(),
    "request_source": pl.String(),
    "rya": pl.String(),
    "request_outcome": pl.String(),
    "request_outcome_date": pl.Date(),
    "request_mediation": pl.Boolean(),
    "request_tribunal": pl.Boolean(),
    "assessment_outcome": pl.String(),
    "assessment_outcome_date": pl.Date(),
    "assessment_mediation": pl.Boolean(),
    "assessment_tribunal": pl.Boolean(),
    "week20": pl.Boolean(),
    "plan_start_date": pl.Date(),
    "sex": pl.String(),
    "birth_month": pl.Date(),
    "ethnicity": pl.String(),
    "locality": pl.String(),
    "primary_need": pl.String(),
    "excluded_from": pl.String(),
}

ACTIVE_PLANS_SCHEMA: dict[str, pl.DataType] = {
    "la": pl.String(),
    "active_plan_id": pl.Int64(),
    "person_id": pl.Int64(),
    "request_id": pl.Int64(),
    "start_date": pl.Date(),
    "cease_date": pl.Date(),
    "review_meeting": pl.Date(),
    "last_review": pl.Date(),
    "review_outcome": pl.String(),
    "phase_transfer_due_date": pl.Date(),
    "phase_transfer_final_date": pl.Date(),
    "establishment_type": pl.String(),
    "sen_setting": pl.String(),
    "primary_need": pl.String(),
    "sex": pl.String(),
    "birth_month": pl.Date(),
    "ethnicity": pl.String(),
    "locality": pl.String(),
    "excluded_from": pl.String(),
}

REQUEST_FLAGS = (
    "request_mediation",
    "request_tribunal",
    "assessment_mediation",
    "assessment_tribunal",
    "week20",
)


def _frame(rows: Iterable[Mapping[str, Any]], schema: dict[str, pl.DataType]) -> pl.DataFrame:
    records = [{name: row.get(name) for name in schema} for row in rows]
    return pl.DataFrame(records, schema=schema)


def requests_frame(rows: Iterable[Mapping[str, Any]]) -> pl.DataFrame:
    """A requests frame from dicts keyed by the column names above.

    Missing keys are null; the yes/no flags are ``False`` when null.
    """
    frame = _frame(rows, REQUESTS_SCHEMA)
    frame = frame.with_columns(pl.col(f).fill_null(False) for f in REQUEST_FLAGS)
    return without_age(frame)


def active_plans_frame(rows: Iterable[Mapping[str, Any]]) -> pl.DataFrame:
    """An active plans frame from dicts keyed by the column names above."""
    return without_age(_frame(rows, ACTIVE_PLANS_SCHEMA))


def empty_requests() -> pl.DataFrame:
    return pl.DataFrame(schema=REQUESTS_SCHEMA)


def empty_active_plans() -> pl.DataFrame:
    return pl.DataFrame(schema=ACTIVE_PLANS_SCHEMA)
