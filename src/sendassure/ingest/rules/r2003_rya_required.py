from sendassure.ingest.rules.helpers import is_outcome
from sendassure.ingest.rules.registry import rule


@rule(
    code="SEN2-2003",
    severity="query",
    module="request",
    fields=("RYA",),
    message="RYA is missing (RequestOutcome {outcome}); it is required unless the outcome is H",
)
def rya_required(request, context):
    outcome = request.get("RequestOutcome")
    if request.get("RYA") is None and not is_outcome(outcome, "H"):
        shown = context.shown(request, "RequestOutcome")
        yield context.issue(request, "RYA", outcome=shown or "blank")
