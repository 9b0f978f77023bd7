from sendassure.ingest.rules.registry import rule
from sendassure.sen2.values import upn_check_letter


@rule(
    code="SEN2-1011",
    severity="query",
    module="person",
    fields=("UPN",),
    message="UPN {value} has the wrong check letter: from its digits it should start "
    "with {expected}",
)
def upn_check_letter_rule(person, context):
    upn = person.get("UPN")
    if upn is None:
        return
    expected = upn_check_letter(upn)
    if expected is not None and expected != upn.strip()[0]:
        yield context.issue(person, "UPN", expected=expected)
