from sendassure.ingest.rules.helpers import is_outcome
from sendassure.ingest.rules.registry import rule


@rule(
    code="SEN2-2012",
    severity="query",
    module="request",
    fields=("RequestOutcome",),
    message="RequestOutcome is {value} (no assessment) but the request has an Assessment "
    "with AssessmentOutcome {assessed}",
)
def assessment_after_refusal(request, context):
    assessment = request.assessment
    if assessment is not None and is_outcome(request.get("RequestOutcome"), "N", "W"):
        assessed = context.shown(assessment, "AssessmentOutcome") or "blank"
        yield context.issue(request, "RequestOutcome", assessed=assessed)
