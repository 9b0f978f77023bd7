from sendassure.ingest.rules.helpers import DATE_MESSAGE, invalid_dates
from sendassure.ingest.rules.registry import rule
from sendassure.kpis.exclusions import NEEDS_RECEIVED_DATE

FIELDS = ("ReceivedDate", "RequestOutcomeDate")


@rule(code="SEN2-2001", severity="error", module="request", fields=FIELDS, message=DATE_MESSAGE,
    excluded_from={"ReceivedDate": NEEDS_RECEIVED_DATE,
                   "RequestOutcomeDate": ("decisions", "open_assessments")})
def request_dates(request, context):
    yield from invalid_dates(context, request, FIELDS)
