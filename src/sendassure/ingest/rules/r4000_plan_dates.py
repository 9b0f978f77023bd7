from sendassure.ingest.rules.helpers import DATE_MESSAGE, invalid_dates
from sendassure.ingest.rules.registry import rule

FIELDS = ("StartDate", "CeaseDate")


@rule(code="SEN2-4000", severity="error", module="named_plan", fields=FIELDS, message=DATE_MESSAGE,
    excluded_from=("caseload", "placements", "reviews_overdue"))
def plan_dates(plan, context):
    yield from invalid_dates(context, plan, FIELDS)
