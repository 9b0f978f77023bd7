from sendassure.ingest.rules.registry import rule


@rule(
    code="SEN2-5007",
    severity="query",
    module="active_plan",
    fields=("SENneed",),
    message="The active plan has {count} SENneed entries; SEN2 allows at most 2 "
    "(a primary and a secondary need)",
)
def too_many_needs(active, context):
    if len(active.sen_needs) > 2:
        yield context.issue(active.sen_needs[2], "SENtype", count=len(active.sen_needs))
