from sendassure.ingest.rules.helpers import CODE_MESSAGE, not_in_code_list
from sendassure.ingest.rules.registry import rule
from sendassure.sen2.values import PLAN_DETAIL_SETTINGS, Rank, SENSetting, YesNo

CODE_LISTS = {
    "SENSetting": tuple(c for c in SENSetting.codes() if c in PLAN_DETAIL_SETTINGS),
    "PlacementRank": Rank.codes(),
    "SENunitIndicator": YesNo.codes(),
    "ResourcedProvisionIndicator": YesNo.codes(),
}


@rule(
    code="SEN2-4101",
    severity="query",
    module="plan_detail",
    fields=tuple(CODE_LISTS),
    message=CODE_MESSAGE,
)
def plan_detail_codes(detail, context):
    yield from not_in_code_list(context, detail, CODE_LISTS)
