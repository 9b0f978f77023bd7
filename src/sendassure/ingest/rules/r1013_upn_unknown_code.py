from sendassure.ingest.rules.helpers import CODE_MESSAGE, not_in_code_list
from sendassure.ingest.rules.registry import rule
from sendassure.sen2.values import UPNunknown


@rule(
    code="SEN2-1013",
    severity="query",
    module="person",
    fields=("UPNunknown",),
    message=CODE_MESSAGE,
)
def upn_unknown_code(person, context):
    yield from not_in_code_list(context, person, {"UPNunknown": UPNunknown.codes()})
