from sendassure.ingest.rules.helpers import AFTER_REFERENCE_MESSAGE, after_reference
from sendassure.ingest.rules.registry import rule


@rule(
    code="SEN2-5104",
    severity="query",
    module="placement",
    fields=("EntryDate",),
    message=AFTER_REFERENCE_MESSAGE,
)
def entry_after_reference(placement, context):
    yield from after_reference(context, placement, ("EntryDate",))
