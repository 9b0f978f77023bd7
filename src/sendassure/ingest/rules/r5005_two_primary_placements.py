from sendassure.ingest.rules.registry import rule


@rule(
    code="SEN2-5005",
    severity="query",
    module="active_plan",
    fields=("PlacementRank",),
    message="PlacementRank {value} is given to more than one PlacementDetail that is still "
    "open; only one placement can be primary",
)
def two_primary_placements(active, context):
    # A primary placement that has ended (LeavingDate given) may rightly be followed by
    # another: only open placements compete.
    open_primaries = [
        p
        for p in active.placements
        if (p.get("PlacementRank") or "").strip() == "1" and p.get("LeavingDate") is None
    ]
    for placement in open_primaries[1:]:
        yield context.issue(placement, "PlacementRank")
