from sendassure.ingest.rules.helpers import AFTER_REFERENCE_MESSAGE, after_reference
from sendassure.ingest.rules.registry import rule


@rule(
    code="SEN2-4006",
    severity="error",
    module="named_plan",
    fields=("StartDate",),
    message=AFTER_REFERENCE_MESSAGE,
    excluded_from=("caseload", "placements", "reviews_overdue", "annual_reviews",
                   "phase_transfers"),
)
def start_after_reference(plan, context):
    yield from after_reference(context, plan, ("StartDate",))
