from sendassure.ingest.rules.helpers import CODE_MESSAGE, not_in_code_list
from sendassure.ingest.rules.registry import rule
from sendassure.sen2.values import AttendancePattern, PlanRes, PlanWBP, Rank, SENSetting, YesNo

CODE_LISTS = {
    "SENSetting": SENSetting.codes(),
    "PlacementRank": Rank.codes(),
    "SENunitIndicator": YesNo.codes(),
    "ResourcedProvisionIndicator": YesNo.codes(),
    "Res": PlanRes.codes(),
    "WBP": PlanWBP.codes(),
    "AttendancePattern": AttendancePattern.codes(),
}


@rule(
    code="SEN2-5101",
    severity="query",
    module="placement",
    fields=tuple(CODE_LISTS),
    message=CODE_MESSAGE,
)
def placement_codes(placement, context):
    yield from not_in_code_list(context, placement, CODE_LISTS)
