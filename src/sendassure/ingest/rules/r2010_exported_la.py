from sendassure.ingest.rules.registry import rule
from sendassure.sen2.values import is_la_code


@rule(
    code="SEN2-2010",
    severity="query",
    module="request",
    fields=("Exported",),
    message="Exported {value} is not a local authority code: it must be 3 digits, such as "
    "886 (or XXX for outside the UK)",
)
def exported_la(request, context):
    text = request.get("Exported")
    if text is not None and text.strip() != "XXX" and not is_la_code(text):
        yield context.issue(request, "Exported")
