from sendassure.ingest.rules.registry import rule


@rule(
    code="SEN2-4003",
    severity="query",
    module="named_plan",
    fields=("CeaseReason", "CeaseDate"),
    message="CeaseReason {value} is given but CeaseDate is missing",
)
def cease_reason_without_date(plan, context):
    if plan.get("CeaseReason") is not None and plan.get("CeaseDate") is None:
        yield context.issue(plan, "CeaseReason")
