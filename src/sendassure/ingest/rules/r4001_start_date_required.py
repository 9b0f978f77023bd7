from sendassure.ingest.rules.registry import rule


@rule(
    code="SEN2-4001",
    severity="query",
    module="named_plan",
    fields=("StartDate",),
    message="StartDate is missing from a NamedPlan: the date the plan was issued or "
    "transferred in is needed",
)
def start_date_required(plan, context):
    if plan.get("StartDate") is None:
        yield context.issue(plan, "StartDate")
