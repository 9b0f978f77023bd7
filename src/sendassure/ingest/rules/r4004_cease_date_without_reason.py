from sendassure.ingest.rules.registry import rule


@rule(
    code="SEN2-4004",
    severity="query",
    module="named_plan",
    fields=("CeaseDate", "CeaseReason"),
    message="CeaseDate {value} is given but CeaseReason is missing",
)
def cease_date_without_reason(plan, context):
    if plan.get("CeaseDate") is not None and plan.get("CeaseReason") is None:
        yield context.issue(plan, "CeaseDate")
