from sendassure.ingest.rules.helpers import AFTER_REFERENCE_MESSAGE, after_reference
from sendassure.ingest.rules.registry import rule


@rule(
    code="SEN2-4007",
    severity="query",
    module="named_plan",
    fields=("CeaseDate",),
    message=AFTER_REFERENCE_MESSAGE,
)
def cease_after_reference(plan, context):
    yield from after_reference(context, plan, ("CeaseDate",))
