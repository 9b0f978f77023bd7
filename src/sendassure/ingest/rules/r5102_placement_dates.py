from sendassure.ingest.rules.helpers import DATE_MESSAGE, invalid_dates
from sendassure.ingest.rules.registry import rule

FIELDS = ("EntryDate", "LeavingDate")


@rule(code="SEN2-5102", severity="error", module="placement", fields=FIELDS, message=DATE_MESSAGE,
    excluded_from=("placements",))
def placement_dates(placement, context):
    yield from invalid_dates(context, placement, FIELDS)
