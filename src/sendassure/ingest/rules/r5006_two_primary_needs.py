from sendassure.ingest.rules.registry import rule


@rule(
    code="SEN2-5006",
    severity="query",
    module="active_plan",
    fields=("SENtypeRank",),
    message="SENtypeRank {value} is given to more than one SENneed; only one need can be primary",
)
def two_primary_needs(active, context):
    primaries = [n for n in active.sen_needs if (n.get("SENtypeRank") or "").strip() == "1"]
    for need in primaries[1:]:
        yield context.issue(need, "SENtypeRank")
