from sendassure.ingest.rules.registry import rule

FIELDS = ("URN", "UKPRN", "SENSetting")


@rule(
    code="SEN2-5105",
    severity="query",
    module="placement",
    fields=FIELDS,
    message="The PlacementDetail names no setting: one of URN, UKPRN or SENSetting is needed",
)
def placement_no_setting(placement, context):
    if all(placement.get(name) is None for name in FIELDS):
        yield context.issue(placement, "URN")
