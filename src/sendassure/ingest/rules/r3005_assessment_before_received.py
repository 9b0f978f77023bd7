from sendassure.ingest.rules.registry import rule


@rule(
    code="SEN2-3005",
    severity="error",
    module="assessment",
    fields=("AssessmentOutcomeDate", "ReceivedDate"),
    message="AssessmentOutcomeDate {value} is before ReceivedDate {received}, so the "
    "request cannot be used for timeliness",
    excluded_from=("timeliness", "not_to_issue"),
)
def assessment_before_received(assessment, context):
    received = context.date(context.request, "ReceivedDate") if context.request else None
    outcome = context.date(assessment, "AssessmentOutcomeDate")
    if received and outcome and outcome < received:
        yield context.issue(assessment, "AssessmentOutcomeDate", received=received.isoformat())
