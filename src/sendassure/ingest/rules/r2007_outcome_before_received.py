from sendassure.ingest.rules.registry import rule


@rule(
    code="SEN2-2007",
    severity="error",
    module="request",
    fields=("RequestOutcomeDate", "ReceivedDate"),
    message="RequestOutcomeDate {value} is before ReceivedDate {received}, so the decision "
    "cannot be timed against the 6 weeks",
    excluded_from=("decisions",),
)
def outcome_before_received(request, context):
    received = context.date(request, "ReceivedDate")
    decided = context.date(request, "RequestOutcomeDate")
    if received and decided and decided < received:
        yield context.issue(request, "RequestOutcomeDate", received=received.isoformat())
