from sendassure.ingest.rules.registry import rule
from sendassure.sen2.ethnicity import ETHNICITY_LABELS


@rule(
    code="SEN2-1021",
    severity="query",
    module="person",
    fields=("Ethnicity",),
    message="Ethnicity {value} is not a CBDS ethnicity code (such as WBRI, or REFU "
    "for refused, NOBT for not yet obtained)",
)
def ethnicity(person, context):
    text = person.get("Ethnicity")
    if text is None:
        yield context.issue(person, "Ethnicity", message="Ethnicity is missing")
    elif text.strip() not in ETHNICITY_LABELS:
        yield context.issue(person, "Ethnicity")
