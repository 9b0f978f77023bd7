from sendassure.ingest.rules.registry import rule


@rule(
    code="SEN2-5008",
    severity="query",
    module="active_plan",
    fields=("SENtypeRank",),
    message="The active plan has no SENneed with SENtypeRank 1: the primary type of need "
    "is missing",
)
def no_primary_need(active, context):
    if not any((n.get("SENtypeRank") or "").strip() == "1" for n in active.sen_needs):
        yield context.issue(active, "SENtypeRank", value=None)
