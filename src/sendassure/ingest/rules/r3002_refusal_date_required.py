from sendassure.ingest.rules.helpers import is_outcome
from sendassure.ingest.rules.registry import rule


@rule(
    code="SEN2-3002",
    severity="error",
    module="assessment",
    fields=("AssessmentOutcomeDate",),
    message="AssessmentOutcomeDate is missing although AssessmentOutcome is N: the date "
    "the person was told no plan will be issued is required",
    excluded_from=("not_to_issue", "open_assessments"),
)
def refusal_date_required(assessment, context):
    if assessment.get("AssessmentOutcomeDate") is None and is_outcome(
        assessment.get("AssessmentOutcome"), "N"
    ):
        yield context.issue(assessment, "AssessmentOutcomeDate")
