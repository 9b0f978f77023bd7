from sendassure.ingest.rules.registry import rule
from sendassure.sen2.values import Rank


@rule(
    code="SEN2-5201",
    severity="query",
    module="sen_need",
    fields=("SENtypeRank",),
    message="SENtypeRank {value} is missing or not 1 (primary) or 2 (secondary)",
)
def sen_type_rank(need, context):
    text = need.get("SENtypeRank")
    if text is None:
        yield context.issue(need, "SENtypeRank", message="SENtypeRank is missing from a SENneed")
    elif Rank.parse(text) is None:
        yield context.issue(need, "SENtypeRank")
