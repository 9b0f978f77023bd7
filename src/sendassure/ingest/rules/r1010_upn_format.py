from sendassure.ingest.rules.registry import rule
from sendassure.sen2.values import is_upn_format


@rule(
    code="SEN2-1010",
    severity="query",
    module="person",
    fields=("UPN",),
    message="UPN {value} is not a UPN: it must be 13 characters, a capital letter then 12 "
    "digits (a temporary UPN ends in a letter instead of the last digit)",
)
def upn_format(person, context):
    upn = person.get("UPN")
    if upn is not None and not is_upn_format(upn):
        yield context.issue(person, "UPN")
