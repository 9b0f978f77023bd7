from sendassure.ingest.rules.registry import rule
from sendassure.sen2.values import parse_date


@rule(
    code="SEN2-1000",
    severity="error",
    module="person",
    fields=("PersonBirthDate",),
    message="PersonBirthDate {value} is missing or not a date in the form YYYY-MM-DD",
    excluded_from=("age_group",),
)
def birth_date(person, context):
    text = person.get("PersonBirthDate")
    if text is None:
        yield context.issue(person, "PersonBirthDate", message="PersonBirthDate is missing")
    elif parse_date(text) is None:
        yield context.issue(person, "PersonBirthDate")
