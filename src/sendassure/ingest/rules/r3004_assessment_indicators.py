from sendassure.ingest.rules.helpers import CODE_MESSAGE, not_in_code_list
from sendassure.ingest.rules.registry import rule
from sendassure.sen2.values import YesNo

FIELDS = (
    "AssessmentMediation", "AssessmentTribunal", "OtherMediation", "OtherTribunal", "Week20",
)  # fmt: skip


@rule(code="SEN2-3004", severity="query", module="assessment", fields=FIELDS, message=CODE_MESSAGE)
def assessment_indicators(assessment, context):
    yield from not_in_code_list(context, assessment, dict.fromkeys(FIELDS, YesNo.codes()))
