from sendassure.ingest.rules.helpers import AFTER_REFERENCE_MESSAGE, after_reference
from sendassure.ingest.rules.registry import rule

# PhaseTransferDueDate is a deadline and may rightly lie ahead.
FIELDS = ("ReviewMeeting", "LastReview", "ReviewDraft", "PhaseTransferFinalDate")


@rule(
    code="SEN2-5004",
    severity="query",
    module="active_plan",
    fields=FIELDS,
    message=AFTER_REFERENCE_MESSAGE,
)
def active_plan_after_reference(active, context):
    yield from after_reference(context, active, FIELDS)
