from sendassure.ingest.rules.helpers import AFTER_REFERENCE_MESSAGE, after_reference
from sendassure.ingest.rules.registry import rule


@rule(
    code="SEN2-1001",
    severity="error",
    module="person",
    fields=("PersonBirthDate",),
    message=AFTER_REFERENCE_MESSAGE,
    excluded_from=("age_group",),
)
def birth_after_reference(person, context):
    yield from after_reference(context, person, ("PersonBirthDate",))
