from sendassure.ingest.rules.helpers import CODE_MESSAGE, not_in_code_list
from sendassure.ingest.rules.registry import rule
from sendassure.sen2.values import DP, CeaseReason, PlanRes, PlanWBP, YesNo

CODE_LISTS = {
    "CeaseReason": CeaseReason.codes(),
    "PlanRes": PlanRes.codes(),
    "PlanWBP": PlanWBP.codes(),
    "DP": DP.codes(),
    "PB": YesNo.codes(),
    "OA": YesNo.codes(),
}


@rule(
    code="SEN2-4005",
    severity="query",
    module="named_plan",
    fields=tuple(CODE_LISTS),
    message=CODE_MESSAGE,
)
def plan_codes(plan, context):
    yield from not_in_code_list(context, plan, CODE_LISTS)
