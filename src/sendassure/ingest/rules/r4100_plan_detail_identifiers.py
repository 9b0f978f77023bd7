from sendassure.ingest.rules.registry import rule
from sendassure.sen2.values import is_ukprn, is_urn

CHECKS = {"URN": (is_urn, "1 to 6 digits"), "UKPRN": (is_ukprn, "8 digits")}


@rule(
    code="SEN2-4100",
    severity="query",
    module="plan_detail",
    fields=tuple(CHECKS),
    message="{field} {value} is not a valid {field}: it must be {shape}",
)
def plan_detail_identifiers(detail, context):
    for name, (valid, shape) in CHECKS.items():
        text = detail.get(name)
        if text is not None and not valid(text):
            yield context.issue(detail, name, shape=shape)
