from sendassure.ingest.rules.helpers import is_outcome
from sendassure.ingest.rules.registry import rule


@rule(
    code="SEN2-3003",
    severity="query",
    module="assessment",
    fields=("AssessmentOutcomeDate",),
    message="AssessmentOutcomeDate is missing although AssessmentOutcome is Y: read as a "
    "plan agreed but not yet issued; give the issue date once the plan is issued",
)
def plan_date_missing(assessment, context):
    if assessment.get("AssessmentOutcomeDate") is None and is_outcome(
        assessment.get("AssessmentOutcome"), "Y"
    ):
        yield context.issue(assessment, "AssessmentOutcomeDate")
