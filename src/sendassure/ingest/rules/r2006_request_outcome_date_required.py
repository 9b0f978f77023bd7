from sendassure.ingest.rules.helpers import is_outcome
from sendassure.ingest.rules.registry import rule


@rule(
    code="SEN2-2006",
    severity="query",
    module="request",
    fields=("RequestOutcomeDate",),
    message="RequestOutcomeDate is missing although RequestOutcome is {outcome}: the "
    "decision whether to assess cannot be timed",
)
def request_outcome_date_required(request, context):
    outcome = request.get("RequestOutcome")
    if request.get("RequestOutcomeDate") is None and is_outcome(outcome, "Y", "N"):
        yield context.issue(request, "RequestOutcomeDate", outcome=outcome.strip())
