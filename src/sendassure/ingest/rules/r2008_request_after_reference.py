from sendassure.ingest.rules.helpers import AFTER_REFERENCE_MESSAGE, after_reference
from sendassure.ingest.rules.registry import rule
from sendassure.kpis.exclusions import NEEDS_RECEIVED_DATE

FIELDS = ("ReceivedDate", "RequestOutcomeDate")


@rule(
    code="SEN2-2008",
    severity="error",
    module="request",
    fields=FIELDS,
    message=AFTER_REFERENCE_MESSAGE,
    excluded_from={"ReceivedDate": NEEDS_RECEIVED_DATE,
                   "RequestOutcomeDate": ("decisions", "open_assessments", "timeliness",
                                          "not_to_issue")},
)
def request_after_reference(request, context):
    yield from after_reference(context, request, FIELDS)
