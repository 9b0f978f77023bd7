from sendassure.ingest.rules.helpers import is_outcome
from sendassure.ingest.rules.registry import rule
from sendassure.kpis.exclusions import NEEDS_RECEIVED_DATE


@rule(
    code="SEN2-2002",
    severity="error",
    module="request",
    fields=("ReceivedDate",),
    message="ReceivedDate is missing (RequestOutcome {outcome}); it is required unless "
    "the outcome is H, and without it the request cannot be timed",
    excluded_from=NEEDS_RECEIVED_DATE,
)
def received_date_required(request, context):
    outcome = request.get("RequestOutcome")
    if request.get("ReceivedDate") is None and not is_outcome(outcome, "H"):
        yield context.issue(request, "ReceivedDate",
                            outcome=context.shown(request, "RequestOutcome") or "blank")
