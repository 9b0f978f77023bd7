from sendassure.ingest.rules.registry import rule


@rule(
    code="SEN2-4008",
    severity="query",
    module="named_plan",
    fields=("PlanDetail",),
    message="The NamedPlan has {count} PlanDetail entries; SEN2 allows at most 2 "
    "(a primary and a secondary setting)",
)
def too_many_plan_details(plan, context):
    if len(plan.plan_details) > 2:
        extra = plan.plan_details[2]
        yield context.issue(extra, "PlacementRank", count=len(plan.plan_details))
