from sendassure.ingest.rules.helpers import is_outcome
from sendassure.ingest.rules.registry import rule


@rule(
    code="SEN2-3008",
    severity="query",
    module="assessment",
    fields=("AssessmentOutcome",),
    message="AssessmentOutcome is {value} (no plan issued) but the assessment has a NamedPlan",
)
def plan_without_issue(assessment, context):
    if assessment.named_plan is not None and is_outcome(
        assessment.get("AssessmentOutcome"), "N", "A", "W"
    ):
        yield context.issue(assessment, "AssessmentOutcome")
