from sendassure.ingest.rules.helpers import CODE_MESSAGE, not_in_code_list
from sendassure.ingest.rules.registry import rule
from sendassure.sen2.values import RequestSource


@rule(
    code="SEN2-2005",
    severity="query",
    module="request",
    fields=("RequestSource",),
    message=CODE_MESSAGE,
)
def request_source(request, context):
    yield from not_in_code_list(context, request, {"RequestSource": RequestSource.codes()})
