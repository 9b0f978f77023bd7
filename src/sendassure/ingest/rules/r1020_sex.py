from sendassure.ingest.rules.helpers import CODE_MESSAGE, not_in_code_list
from sendassure.ingest.rules.registry import rule
from sendassure.sen2.values import GenderCurrent, Sex


@rule(
    code="SEN2-1020",
    severity="query",
    module="person",
    fields=("Sex", "GenderCurrent"),
    message=CODE_MESSAGE,
)
def sex(person, context):
    """Sex M/F (2024 on); the 2023 schema's GenderCurrent 0/1/2/9 stands in for it."""
    if person.get("Sex") is None and person.get("GenderCurrent") is None:
        yield context.issue(person, "Sex", message="Sex is missing")
    yield from not_in_code_list(
        context, person, {"Sex": Sex.codes(), "GenderCurrent": GenderCurrent.codes()}
    )
