from sendassure.ingest.rules.registry import rule
from sendassure.kpis.exclusions import NEEDS_RECEIVED_DATE
from sendassure.sen2.values import RequestOutcome


@rule(
    code="SEN2-2000",
    severity="error",
    module="request",
    fields=("RequestOutcome",),
    message="RequestOutcome {value} is missing or not one of the codes Y, N, A, W, H",
    excluded_from=NEEDS_RECEIVED_DATE,
)
def request_outcome(request, context):
    text = request.get("RequestOutcome")
    if text is None:
        yield context.issue(request, "RequestOutcome", message="RequestOutcome is missing")
    elif RequestOutcome.parse(text) is None:
        yield context.issue(request, "RequestOutcome")
