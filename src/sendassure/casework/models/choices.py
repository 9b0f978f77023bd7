"""SEN2 code lists as Django choices (value, label), from ``ingest.values``."""

from sendassure.sen2 import values


def choices(code_list) -> list[tuple[str, str]]:
    return [(member.value, member.label) for member in code_list]


SEX = choices(values.Sex)
REQUEST_SOURCE = choices(values.RequestSource)
REQUEST_OUTCOME = choices(values.RequestOutcome)
ASSESSMENT_OUTCOME = choices(values.AssessmentOutcome)
CEASE_REASON = choices(values.CeaseReason)
REVIEW_OUTCOME = choices(values.ReviewOutcome)
SEN_TYPE = choices(values.SENtype)
UPN_UNKNOWN = choices(values.UPNunknown)
