from sendassure.ingest.rules.registry import rule
from sendassure.sen2.values import AssessmentOutcome


@rule(
    code="SEN2-3000",
    severity="error",
    module="assessment",
    fields=("AssessmentOutcome",),
    message="AssessmentOutcome {value} is not one of the codes Y, N, A, W, H",
    excluded_from=("timeliness", "not_to_issue", "open_assessments"),
)
def assessment_outcome(assessment, context):
    text = assessment.get("AssessmentOutcome")
    if text is not None and AssessmentOutcome.parse(text) is None:
        yield context.issue(assessment, "AssessmentOutcome")
