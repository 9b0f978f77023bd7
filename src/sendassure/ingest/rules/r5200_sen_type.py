from sendassure.ingest.rules.registry import rule
from sendassure.sen2.values import SENtype


@rule(
    code="SEN2-5200",
    severity="query",
    module="sen_need",
    fields=("SENtype",),
    message="SENtype {value} is missing or not one of the codes " + ", ".join(SENtype.codes()),
)
def sen_type(need, context):
    text = need.get("SENtype")
    if text is None:
        yield context.issue(need, "SENtype", message="SENtype is missing from a SENneed")
    elif SENtype.parse(text) is None:
        yield context.issue(need, "SENtype")
