from sendassure.ingest.rules.registry import rule
from sendassure.sen2.values import is_uln


@rule(
    code="SEN2-1012",
    severity="query",
    module="person",
    fields=("UniqueLearnerNumber",),
    message="UniqueLearnerNumber {value} is not a ULN: it must be 10 digits",
)
def uln_format(person, context):
    uln = person.get("UniqueLearnerNumber")
    if uln is not None and not is_uln(uln):
        yield context.issue(person, "UniqueLearnerNumber")
