from sendassure.ingest.rules.helpers import AFTER_REFERENCE_MESSAGE, after_reference
from sendassure.ingest.rules.registry import rule


@rule(
    code="SEN2-3007",
    severity="error",
    module="assessment",
    fields=("AssessmentOutcomeDate",),
    message=AFTER_REFERENCE_MESSAGE,
    excluded_from=("timeliness", "not_to_issue", "open_assessments"),
)
def assessment_after_reference(assessment, context):
    yield from after_reference(context, assessment, ("AssessmentOutcomeDate",))
