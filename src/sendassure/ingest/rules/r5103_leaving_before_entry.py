from sendassure.ingest.rules.registry import rule


@rule(
    code="SEN2-5103",
    severity="query",
    module="placement",
    fields=("LeavingDate", "EntryDate"),
    message="LeavingDate {value} is before EntryDate {entry}",
)
def leaving_before_entry(placement, context):
    entry = context.date(placement, "EntryDate")
    leaving = context.date(placement, "LeavingDate")
    if entry and leaving and leaving < entry:
        yield context.issue(placement, "LeavingDate", entry=entry.isoformat())
