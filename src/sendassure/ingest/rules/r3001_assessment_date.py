from sendassure.ingest.rules.helpers import DATE_MESSAGE, invalid_dates
from sendassure.ingest.rules.registry import rule


@rule(
    code="SEN2-3001",
    severity="error",
    module="assessment",
    fields=("AssessmentOutcomeDate",),
    message=DATE_MESSAGE,
    excluded_from=("timeliness", "not_to_issue", "open_assessments"),
)
def assessment_date(assessment, context):
    yield from invalid_dates(context, assessment, ("AssessmentOutcomeDate",))
