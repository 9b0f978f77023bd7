from sendassure.ingest.rules.registry import rule
from sendassure.sen2.values import postcode_district


@rule(
    code="SEN2-1030",
    severity="query",
    module="person",
    fields=("PostCode",),
    message="PostCode {value} is not a UK postcode, so no postcode district can be derived from it",
)
def postcode(person, context):
    text = person.get("PostCode")
    if text is not None and postcode_district(text) is None:
        yield context.issue(person, "PostCode")
