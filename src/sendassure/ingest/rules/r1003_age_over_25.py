from sendassure.ingest.rules.registry import rule
from sendassure.sen2.values import age_on


@rule(
    code="SEN2-1003",
    severity="error",
    module="person",
    fields=("PersonBirthDate",),
    message="PersonBirthDate {value} makes the person {age} on the ReferenceDate "
    "{reference}, over the 0-25 age range of SEN2",
    excluded_from=("age_group",),
)
def age_over_25(person, context):
    birth, reference = context.birth_date, context.reference_date
    if birth and reference and age_on(birth, reference) >= 26:
        age = age_on(birth, reference)
        yield context.issue(person, "PersonBirthDate", age=age, reference=reference.isoformat())
