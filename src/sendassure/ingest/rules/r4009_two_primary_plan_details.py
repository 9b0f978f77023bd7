from sendassure.ingest.rules.registry import rule


@rule(
    code="SEN2-4009",
    severity="query",
    module="named_plan",
    fields=("PlacementRank",),
    message="PlacementRank {value} is given to more than one PlanDetail of the NamedPlan; "
    "only one setting can be primary",
)
def two_primary_plan_details(plan, context):
    primaries = [d for d in plan.plan_details if (d.get("PlacementRank") or "").strip() == "1"]
    for detail in primaries[1:]:
        yield context.issue(detail, "PlacementRank")
