from sendassure.ingest.rules.registry import rule
from sendassure.sen2.values import is_la_code


@rule(
    code="SEN2-5001",
    severity="query",
    module="active_plan",
    fields=("TransferLA",),
    message="TransferLA {value} is not a local authority code: it must be 3 digits, such "
    "as 886 (or XXX for outside the UK)",
)
def transfer_la(active, context):
    text = active.get("TransferLA")
    if text is not None and text.strip() != "XXX" and not is_la_code(text):
        yield context.issue(active, "TransferLA")
