"""The format each SEN2 field must have for its value to be kept as given.

A value that fails its field's format (a code not in the field's code list, a date that
does not parse, an identifier or number of the wrong shape) may be anything a sender
typed into the wrong column: a surname in ``Sex``, a forename or a postcode in
``Ethnicity``, a full name in ``ReceivedDate``. ``privacy.reduce_value`` keeps only the
shape of such a value, wherever it is reported or stored; a value that passes is kept.

Decisions:
- Each field name has one format, the widest the rules accept for it in any module: a
  ``SENSetting`` may be any SENSetting code here, although SEN2-4101 queries the
  placement-only ones in a ``PlanDetail`` (a code is never personal data, so it is shown).
- ``SENSettingOther`` is free text (a description of the setting): there is no format to
  fail, so it is kept as given.
- The module CSVs' link columns (``persontableid``, ``requesttableid``...) are the file's
  own row ids, kept as given so that a problem can be found in the file.
- Any other name (a field this table does not know) fails: an unknown field's value is
  never kept as given.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from sendassure.sen2 import values
from sendassure.sen2.ethnicity import ETHNICITY_LABELS

Check = Callable[[str], bool]


def _codes(codes: Iterable[str]) -> Check:
    allowed = frozenset(codes)
    return lambda text: text.strip() in allowed


def _date(text: str) -> bool:
    return values.parse_date(text) is not None


def _la_or_abroad(text: str) -> bool:
    """A 3-digit LA code, or ``XXX`` for outside the UK (``Exported``, ``TransferLA``)."""
    return text.strip() == "XXX" or values.is_la_code(text)


def _postcode(text: str) -> bool:
    return values.postcode_district(text) is not None


def _rank(text: str) -> bool:
    return values.Rank.parse(text) is not None


_YES_NO = _codes(values.YesNo.codes())

DATES = (
    "PersonBirthDate", "ReceivedDate", "RequestOutcomeDate", "AssessmentOutcomeDate",
    "StartDate", "CeaseDate", "EntryDate", "LeavingDate", "ReviewMeeting", "LastReview",
    "ReviewDraft", "PhaseTransferDueDate", "PhaseTransferFinalDate",
)  # fmt: skip
INDICATORS = (
    "RYA", "RequestMediation", "RequestTribunal", "AssessmentMediation",
    "AssessmentTribunal", "OtherMediation", "OtherTribunal", "Week20", "PB", "OA",
    "SENunitIndicator", "ResourcedProvisionIndicator",
)  # fmt: skip
FREE_TEXT = frozenset({"SENSettingOther"})
LINK_ID_SUFFIX = "tableid"  # the module CSVs' row ids: persontableid, requesttableid...

FORMATS: dict[str, Check] = {
    **dict.fromkeys(DATES, _date),
    **dict.fromkeys(INDICATORS, _YES_NO),
    "Sex": _codes(values.Sex.codes()),
    "GenderCurrent": _codes(values.GenderCurrent.codes()),
    "Ethnicity": _codes(ETHNICITY_LABELS),
    "PostCode": _postcode,
    "UPN": values.is_upn_format,
    "UniqueLearnerNumber": values.is_uln,
    "UPNunknown": _codes(values.UPNunknown.codes()),
    "RequestSource": _codes(values.RequestSource.codes()),
    "RequestOutcome": _codes(values.RequestOutcome.codes()),
    "Exported": _la_or_abroad,
    "AssessmentOutcome": _codes(values.AssessmentOutcome.codes()),
    "PlanRes": _codes(values.PlanRes.codes()),
    "PlanWBP": _codes(values.PlanWBP.codes()),
    "DP": _codes(values.DP.codes()),
    "CeaseReason": _codes(values.CeaseReason.codes()),
    "URN": values.is_urn,
    "UKPRN": values.is_ukprn,
    "SENSetting": _codes(values.SENSetting.codes()),
    "PlacementRank": _rank,
    "TransferLA": _la_or_abroad,
    "Res": _codes(values.PlanRes.codes()),
    "WBP": _codes(values.PlanWBP.codes()),
    "ReviewOutcome": _codes(values.ReviewOutcome.codes()),
    "AttendancePattern": _codes(values.AttendancePattern.codes()),
    "SENtype": _codes(values.SENtype.codes()),
    "SENtypeRank": _rank,
}


def is_valid(field: str, text: str) -> bool:
    """Whether ``text`` has the format of ``field`` (free text and link ids always do)."""
    check = FORMATS.get(field)
    if check is not None:
        return check(text)
    return field in FREE_TEXT or field.lower().endswith(LINK_ID_SUFFIX)
