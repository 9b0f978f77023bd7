from sendassure.ingest.rules.registry import rule


@rule(
    code="SEN2-1015",
    severity="query",
    module="person",
    fields=("UPN",),
    message="UPN {value} is also given for another person, at {first}",
)
def duplicate_upn(person, context):
    upn = person.get("UPN")
    if upn is None:
        return
    seen = context.state.setdefault("upn_locations", {})
    key = upn.strip().upper()
    if key in seen:
        yield context.issue(person, "UPN", first=seen[key])
    else:
        seen[key] = person.location
