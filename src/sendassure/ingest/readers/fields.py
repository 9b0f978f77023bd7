"""The SEN2 field list (union of the 2023-2026 schemas) and the spelling variants met in
real files, shared by the XML and CSV readers.

A name is matched ignoring case (``SENsetting``, ``SENNeed``, ``senneed`` all match),
plus a few known misspellings (``PlanWPB``). Any name that differs from the canonical
spelling is reported in ``Return.variants``.
"""

from __future__ import annotations

HEADER_FIELDS = (
    "Collection", "Year", "ReferenceDate",
    "SourceLevel", "LEA", "SoftwareCode", "Release", "SerialNo", "DateTime",
    "DMO", "DCO", "DSCO",
)  # fmt: skip

# Scalar fields of each module, keyed by the module names the rules use.
MODULE_FIELDS: dict[str, tuple[str, ...]] = {
    "person": (
        "Surname", "Forename", "PersonBirthDate", "Sex", "GenderCurrent", "Ethnicity",
        "PostCode", "UPN", "UniqueLearnerNumber", "UPNunknown",
    ),
    "request": (
        "ReceivedDate", "RequestSource", "RYA", "RequestOutcomeDate", "RequestOutcome",
        "RequestMediation", "RequestTribunal", "Exported",
    ),
    "assessment": (
        "AssessmentOutcome", "AssessmentOutcomeDate", "AssessmentMediation",
        "AssessmentTribunal", "OtherMediation", "OtherTribunal", "Week20",
    ),
    "named_plan": (
        "StartDate", "PlanRes", "PlanWBP", "PB", "OA", "DP", "CeaseDate", "CeaseReason",
    ),
    "plan_detail": (
        "URN", "UKPRN", "SENSetting", "SENSettingOther", "PlacementRank",
        "SENunitIndicator", "ResourcedProvisionIndicator",
    ),
    # Res and WBP sat on ActivePlans in 2023 and moved into PlacementDetail in 2024.
    "active_plan": (
        "TransferLA", "Res", "WBP", "ReviewMeeting", "ReviewOutcome", "ReviewDraft",
        "PhaseTransferDueDate", "PhaseTransferFinalDate", "LastReview",
    ),
    "placement": (
        "URN", "UKPRN", "SENSetting", "SENSettingOther", "PlacementRank", "EntryDate",
        "LeavingDate", "SENunitIndicator", "ResourcedProvisionIndicator", "Res", "WBP",
        "AttendancePattern",
    ),
    "sen_need": ("SENtype", "SENtypeRank"),
}  # fmt: skip

# Elements that hold other elements.
CONTAINERS = (
    "Message", "Header", "CollectionDetails", "Source", "Persons", "Person", "Requests",
    "Assessment", "NamedPlan", "PlanDetail", "ActivePlans", "PlacementDetail", "SENneed",
)  # fmt: skip

# Containers that may repeat under one parent: their paths carry a 1-based index.
REPEATABLE = frozenset({"Person", "Requests", "PlanDetail", "PlacementDetail", "SENneed"})

# Known misspellings beyond case differences (lower-cased key -> canonical).
_MISSPELLINGS = {
    "planwpb": "PlanWBP",
    "wpb": "WBP",
    "activeplan": "ActivePlans",
    "request": "Requests",
    "senneeds": "SENneed",
    "uln": "UniqueLearnerNumber",
}

_CANONICAL: dict[str, str] = {
    name.lower(): name
    for name in (*HEADER_FIELDS, *CONTAINERS, *(f for fs in MODULE_FIELDS.values() for f in fs))
}
_CANONICAL.update(_MISSPELLINGS)


def canonical_name(name: str) -> str | None:
    """The canonical spelling of a known SEN2 element or column, else ``None``."""
    return _CANONICAL.get(name.strip().lower())
