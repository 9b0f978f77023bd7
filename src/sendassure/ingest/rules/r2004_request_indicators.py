from sendassure.ingest.rules.helpers import CODE_MESSAGE, not_in_code_list
from sendassure.ingest.rules.registry import rule
from sendassure.sen2.values import YesNo

FIELDS = ("RYA", "RequestMediation", "RequestTribunal")


@rule(code="SEN2-2004", severity="query", module="request", fields=FIELDS, message=CODE_MESSAGE)
def request_indicators(request, context):
    yield from not_in_code_list(context, request, dict.fromkeys(FIELDS, YesNo.codes()))
