from sendassure.ingest.rules.helpers import is_outcome
from sendassure.ingest.rules.registry import rule


@rule(
    code="SEN2-2011",
    severity="query",
    module="request",
    fields=("AssessmentOutcome",),
    message="AssessmentOutcome is missing although RequestOutcome is Y (the LA decided to "
    "assess); give A if the decision whether to issue a plan is not yet made",
)
def assessment_missing(request, context):
    if not is_outcome(request.get("RequestOutcome"), "Y"):
        return
    assessment = request.assessment
    if assessment is None:
        yield context.issue(request, "AssessmentOutcome", value=None)
    elif assessment.get("AssessmentOutcome") is None:
        yield context.issue(assessment, "AssessmentOutcome")
