from sendassure.ingest.rules.registry import rule

FIELDS = ("ReceivedDate", "RequestOutcomeDate")


@rule(
    code="SEN2-2009",
    severity="query",
    module="request",
    fields=FIELDS,
    message="{field} {value} is before the person's PersonBirthDate {birth}",
)
def request_before_birth(request, context):
    birth = context.birth_date
    if birth is None:
        return
    for name in FIELDS:
        day = context.date(request, name)
        if day is not None and day < birth:
            yield context.issue(request, name, birth=birth.isoformat())
