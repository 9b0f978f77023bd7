from sendassure.ingest.rules.registry import rule


@rule(
    code="SEN2-4002",
    severity="error",
    module="named_plan",
    fields=("CeaseDate", "StartDate"),
    message="CeaseDate {value} is before StartDate {start}",
    excluded_from=("caseload", "placements", "reviews_overdue"),
)
def cease_before_start(plan, context):
    start, cease = context.date(plan, "StartDate"), context.date(plan, "CeaseDate")
    if start and cease and cease < start:
        yield context.issue(plan, "CeaseDate", start=start.isoformat())
