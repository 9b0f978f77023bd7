from sendassure.ingest.rules.registry import rule
from sendassure.sen2.values import age_on


@rule(
    code="SEN2-1002",
    severity="query",
    module="person",
    fields=("PersonBirthDate",),
    message="PersonBirthDate {value} makes the person 25 on the ReferenceDate {reference}, "
    "the last year an EHC plan can run",
)
def age_25(person, context):
    birth, reference = context.birth_date, context.reference_date
    if birth and reference and age_on(birth, reference) == 25:
        yield context.issue(person, "PersonBirthDate", reference=reference.isoformat())
