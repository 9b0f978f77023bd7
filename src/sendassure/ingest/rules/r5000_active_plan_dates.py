from sendassure.ingest.rules.helpers import DATE_MESSAGE, invalid_dates
from sendassure.ingest.rules.registry import rule

FIELDS = (
    "ReviewMeeting", "LastReview", "ReviewDraft", "PhaseTransferDueDate",
    "PhaseTransferFinalDate",
)  # fmt: skip


@rule(code="SEN2-5000", severity="error", module="active_plan", fields=FIELDS, message=DATE_MESSAGE,
    excluded_from={"ReviewMeeting": ("annual_reviews", "reviews_overdue"),
                   "LastReview": ("annual_reviews",), "ReviewDraft": ("annual_reviews",),
                   "PhaseTransferDueDate": ("phase_transfers",),
                   "PhaseTransferFinalDate": ("phase_transfers",)})
def active_plan_dates(active, context):
    yield from invalid_dates(context, active, FIELDS)
