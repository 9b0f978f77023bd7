from sendassure.ingest.rules.registry import rule


@rule(
    code="SEN2-3006",
    severity="query",
    module="assessment",
    fields=("AssessmentOutcomeDate", "RequestOutcomeDate"),
    message="AssessmentOutcomeDate {value} is before RequestOutcomeDate {decided}, the "
    "decision to assess",
)
def assessment_before_decision(assessment, context):
    decided = context.date(context.request, "RequestOutcomeDate") if context.request else None
    outcome = context.date(assessment, "AssessmentOutcomeDate")
    if decided and outcome and outcome < decided:
        yield context.issue(assessment, "AssessmentOutcomeDate", decided=decided.isoformat())
