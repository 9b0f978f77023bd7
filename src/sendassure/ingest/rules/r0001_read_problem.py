"""Problems the reader met while reading (not a check on a record's values)."""

from sendassure.ingest.rules.registry import rule


@rule(
    code="SEN2-0001",
    severity="query",
    module="person",
    fields=(),
    message="{message} (the reader kept the first value and reported the rest)",
)
def read_problem(person, context):
    """Yields nothing from records: the importer reports each ``Return.problems`` entry
    under this code (see ``ingest.importer``), e.g. a field given twice in one element,
    a second Assessment in one request, a CSV row whose parent id matches nothing."""
    return
    yield
