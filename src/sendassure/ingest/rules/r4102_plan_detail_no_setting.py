from sendassure.ingest.rules.registry import rule

FIELDS = ("URN", "UKPRN", "SENSetting")


@rule(
    code="SEN2-4102",
    severity="query",
    module="plan_detail",
    fields=FIELDS,
    message="The PlanDetail names no setting: one of URN, UKPRN or SENSetting is needed",
)
def plan_detail_no_setting(detail, context):
    if all(detail.get(name) is None for name in FIELDS):
        yield context.issue(detail, "URN")
