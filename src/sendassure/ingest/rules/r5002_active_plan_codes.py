from sendassure.ingest.rules.helpers import CODE_MESSAGE, not_in_code_list
from sendassure.ingest.rules.registry import rule
from sendassure.sen2.values import PlanRes, PlanWBP, ReviewOutcome

# Res and WBP sit here in 2023 files (in PlacementDetail from 2024).
CODE_LISTS = {
    "ReviewOutcome": ReviewOutcome.codes(),
    "Res": PlanRes.codes(),
    "WBP": PlanWBP.codes(),
}


@rule(
    code="SEN2-5002",
    severity="query",
    module="active_plan",
    fields=tuple(CODE_LISTS),
    message=CODE_MESSAGE,
)
def active_plan_codes(active, context):
    yield from not_in_code_list(context, active, CODE_LISTS)
