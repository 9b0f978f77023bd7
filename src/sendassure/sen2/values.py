"""Turning SEN2's raw text into values: dates, code lists, identifiers, postcodes, ages.

Every function here takes the raw text a reader produced (or ``None``) and never
raises on bad input: parsers return ``None`` and validators return ``False``. The rules
use them to judge a record; the importer uses them afterwards to convert it.

Decisions where the guide is silent:
- ``parse_date`` accepts ``YYYY-MM-DD`` only, but tolerates what exports commonly
  append to it: an XSD time zone (``Z``, ``+01:00``) or a time of day
  (``T00:00:00``, `` 00:00``), which is dropped. Day-first dates (``01/02/2024``) are
  ambiguous and rejected.
- Code lists match exactly after trimming surrounding spaces; case is significant
  (``y`` is not ``Y``), as in the schema.
"""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum

from sendassure.sen2.ethnicity import ETHNICITY_LABELS

# --------------------------------------------------------------------------- dates

_DATE = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})"
    r"(?:Z|[+-]\d{2}:\d{2}|[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?)?"
)


# Every rule that needs a date parses it again, so answers are remembered: dates are
# immutable and a return holds a few thousand distinct ones. Bounded, so memory is flat.
_DATES: dict[str, date | None] = {}
_DATES_KEPT = 20_000


def parse_date(text: str | None) -> date | None:
    """``'2024-01-18'`` -> ``date(2024, 1, 18)``; anything unreadable -> ``None``."""
    if text is None:
        return None
    try:
        return _DATES[text]
    except KeyError:
        pass
    if len(_DATES) >= _DATES_KEPT:
        _DATES.clear()
    day = _DATES[text] = _parse_date(text)
    return day


def _parse_date(text: str) -> date | None:
    match = _DATE.fullmatch(text.strip())
    if match is None:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def month_of_birth(birth: date) -> date:
    """The first of the birth month: what analysis keeps instead of the full date."""
    return birth.replace(day=1)


def age_on(birth: date, on: date) -> int:
    """Age in completed years on a day (a 29 February birthday counts on 1 March)."""
    years = on.year - birth.year
    if (on.month, on.day) < (birth.month, birth.day):
        years -= 1
    return years


# ----------------------------------------------------------------------- code lists


class Code(StrEnum):
    """A SEN2 code with its published meaning in ``label``."""

    label: str

    def __new__(cls, value: str, label: str) -> Code:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member

    @classmethod
    def parse(cls, text: str | None) -> Code | None:
        """The member for a raw value, or ``None`` when blank or not in the list."""
        if text is None:
            return None
        try:
            return cls(text.strip())
        except ValueError:
            return None

    @classmethod
    def codes(cls) -> tuple[str, ...]:
        codes = _CODES.get(cls)
        if codes is None:
            codes = _CODES[cls] = tuple(member.value for member in cls)
        return codes


_CODES: dict[type, tuple[str, ...]] = {}  # a code list's values (enums never change)


class Sex(Code):
    MALE = ("M", "Male")
    FEMALE = ("F", "Female")


class GenderCurrent(Code):
    """The 2023 schema's ``GenderCurrent`` (replaced by ``Sex`` from 2024)."""

    NOT_KNOWN = ("0", "Not known")
    MALE = ("1", "Male")
    FEMALE = ("2", "Female")
    NOT_SPECIFIED = ("9", "Not specified")


class UPNunknown(Code):
    UN1 = ("UN1", "Child is aged under 6 years old and is not yet assigned a UPN")
    UN2 = ("UN2", "Child has never attended a state-funded school in England")
    UN3 = ("UN3", "Child is educated outside of England")
    UN5 = ("UN5", "Sources collating UPNs disagree on name or date of birth")
    UN8 = ("UN8", "Person is new to the LA and the UPN or ULN is not yet known")
    UN9 = ("UN9", "Young person has never attended a state-funded school or FE setting")
    UN10 = ("UN10", "Request resulted in no further action before UPN or ULN known")


class RequestSource(Code):
    PARENT_OR_YOUNG_PERSON = ("1", "Young person or parent")
    SCHOOL_OR_SETTING = ("2", "School or other education setting")
    HEALTH = ("3", "Health care professionals")
    SOCIAL_CARE = ("4", "Social care professionals")
    OTHER = ("5", "Other")


class RequestOutcome(Code):
    YES = ("Y", "LA proceeded with an assessment")
    NO = ("N", "LA decided not to proceed with an assessment")
    AWAITING = ("A", "Decision yet to be made")
    WITHDRAWN = ("W", "Request withdrawn or ceased before decision to assess was made")
    HISTORICAL = ("H", "Historical: decision to assess made before the collection period")


class AssessmentOutcome(Code):
    YES = ("Y", "It was decided an EHC plan would be issued")
    NO = ("N", "It was decided an EHC plan would not be issued")
    AWAITING = ("A", "Decision has not yet been made")
    WITHDRAWN = ("W", "Request withdrawn or ceased before decision whether to issue")
    HISTORICAL = ("H", "Historical: decision to issue made before the collection period")


class YesNo(Code):
    """``1`` / ``0`` indicators: RYA, mediation, tribunal, Week20, PB, OA, unit flags."""

    YES = ("1", "Yes")
    NO = ("0", "No")


class YesNoRecruiting(Code):
    """Header ``DMO``, ``DCO`` and ``DSCO``: is the designated officer in post."""

    YES = ("Y", "Yes")
    NO = ("N", "No")
    RECRUITING = ("R", "Recruitment in progress")


class PlanRes(Code):
    """``PlanRes`` (named plan) and ``Res`` (placement): residential setting."""

    WEEKS_38_TO_51 = ("A", "38 to 51 weeks")
    WEEKS_52 = ("B", "52 weeks")


class PlanWBP(Code):
    """``PlanWBP`` (named plan) and ``WBP`` (placement): work-based learning."""

    APPRENTICESHIP = ("A", "Apprenticeships")
    TRAINEESHIP = ("T", "Traineeships")
    SUPPORTED_INTERNSHIP = ("S", "Supported internships")


class DP(Code):
    """Direct payments in a personal budget."""

    EDUCATION = ("E", "Education only")
    SOCIAL_CARE = ("S", "Social care only")
    HEALTH = ("H", "Health only")
    INTEGRATED = ("I", "Integrated payment for a combination of the above")


class CeaseReason(Code):
    MAXIMUM_AGE = ("1", "Reached maximum age")
    NEEDS_MET_WITHOUT_PLAN = ("2", "Ongoing needs being met without an EHC plan")
    HIGHER_EDUCATION = ("3", "Moved on to higher education")
    PAID_EMPLOYMENT = ("4", "Moved on to paid employment, excluding apprenticeships")
    MOVED_TO_ENGLISH_LA = ("5", "Transferred to another local authority in England")
    NOT_ENGAGING = ("6", "Young person no longer wishes to engage in education or training")
    LEFT_ENGLAND = ("7", "Person has moved outside England")
    DECEASED = ("8", "Person deceased")
    OTHER = ("9", "Other")


class SENSetting(Code):
    """``SENSetting`` where no URN or UKPRN identifies the setting. The last three are
    valid only in a ``PlacementDetail`` (see ``PLAN_DETAIL_SETTINGS``)."""

    OLA = ("OLA", "Other arrangements made by the LA (section 61, EOTAS)")
    OPA = ("OPA", "Alternative arrangements made by parents or young person")
    EHE = ("EHE", "Elective home education")
    EYP = ("EYP", "Early years provider with no URN")
    OTH = ("OTH", "Other, including a type of setting named without a specific setting")
    NEET = ("NEET", "Not in education, employment or training (aged 16-25)")
    NIEC = ("NIEC", "Not in education or training: notice to cease issued")
    NIEO = ("NIEO", "Not in education or training: other")


PLAN_DETAIL_SETTINGS = frozenset({"OLA", "OPA", "EHE", "EYP", "OTH"})


class Rank(Code):
    """``PlacementRank`` and ``SENtypeRank``."""

    PRIMARY = ("1", "Primary")
    SECONDARY = ("2", "Secondary")


class SENtype(Code):
    SPLD = ("SPLD", "Specific learning difficulty")
    MLD = ("MLD", "Moderate learning difficulty")
    SLD = ("SLD", "Severe learning difficulty")
    PMLD = ("PMLD", "Profound and multiple learning difficulty")
    SEMH = ("SEMH", "Social, emotional and mental health")
    SLCN = ("SLCN", "Speech, language and communication needs")
    HI = ("HI", "Hearing impairment")
    VI = ("VI", "Vision impairment")
    MSI = ("MSI", "Multi-sensory impairment")
    PD = ("PD", "Physical disability")
    ASD = ("ASD", "Autistic spectrum disorder")
    DS = ("DS", "Down syndrome")
    OTH = ("OTH", "Other difficulty")


class ReviewOutcome(Code):
    AMEND = ("A", "Amend the EHC plan")
    CEASE = ("C", "Cease the EHC plan")
    MAINTAIN = ("M", "Maintain the EHC plan")


class AttendancePattern(Code):
    """2023 schema only (``PlacementDetail``)."""

    FULL_TIME = ("FT", "Full-time")
    PART_TIME = ("PT", "Part-time")


def is_ethnicity(text: str | None) -> bool:
    return text is not None and text.strip() in ETHNICITY_LABELS


# ---------------------------------------------------------------------- identifiers

_UPN = re.compile(r"[A-Z]\d{12}")
_TEMPORARY_UPN = re.compile(r"[A-Z]\d{11}[A-Z]")
# The UPN check-letter alphabet: A-Z without I, O and S; index = value 0-22.
_CHECK_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"


def is_upn_format(text: str | None) -> bool:
    """A letter then 12 digits, or (temporary UPN) a letter, 11 digits and a letter.
    Upper case is required, as issued."""
    return text is not None and bool(
        _UPN.fullmatch(text.strip()) or _TEMPORARY_UPN.fullmatch(text.strip())
    )


def upn_check_letter(text: str) -> str | None:
    """The check letter a UPN should start with (DfE / govtalk UPN standard): characters
    2-13 weighted by their position 2-13, a temporary UPN's final letter counted by its
    place in the check alphabet, the sum modulo 23 mapped to A-Z without I, O, S.
    ``None`` if the text is not UPN-shaped or ends in a letter outside the alphabet."""
    text = text.strip()
    if not is_upn_format(text):
        return None
    total = 0
    for position, char in enumerate(text[1:], start=2):
        if char.isdigit():
            total += int(char) * position
        elif char in _CHECK_LETTERS:
            total += _CHECK_LETTERS.index(char) * position
        else:
            return None
    return _CHECK_LETTERS[total % 23]


def is_upn(text: str | None) -> bool:
    """Well-formed and carrying the right check letter."""
    return text is not None and upn_check_letter(text) == text.strip()[:1]


_ULN_SHAPE = re.compile(r"\d{10}")


def is_uln(text: str | None) -> bool:
    """Unique Learner Number: 10 digits."""
    return text is not None and _ULN_SHAPE.fullmatch(text.strip()) is not None


_URN_SHAPE = re.compile(r"\d{1,6}")


def is_urn(text: str | None) -> bool:
    """School Unique Reference Number: 1 to 6 digits."""
    return text is not None and _URN_SHAPE.fullmatch(text.strip()) is not None


_UKPRN_SHAPE = re.compile(r"\d{8}")


def is_ukprn(text: str | None) -> bool:
    """UK Provider Reference Number: 8 digits."""
    return text is not None and _UKPRN_SHAPE.fullmatch(text.strip()) is not None


_LA_CODE_SHAPE = re.compile(r"\d{3}")


def is_la_code(text: str | None) -> bool:
    """Local authority code: 3 digits (the XSD's enumeration is incomplete, so only the
    shape is checked)."""
    return text is not None and _LA_CODE_SHAPE.fullmatch(text.strip()) is not None


# ------------------------------------------------------------------------ postcodes

_POSTCODE = re.compile(r"([A-Z]{1,2}\d[A-Z\d]?)\s*(\d[A-Z]{2})")


def postcode_district(postcode: str | None) -> str | None:
    """The outward code of a UK postcode: ``'ME14 1XX'`` -> ``'ME14'``; also without the
    space (``'me141xx'`` -> ``'ME14'``). ``None`` when it is not postcode-shaped."""
    if postcode is None:
        return None
    match = _POSTCODE.fullmatch(postcode.strip().upper())
    return match[1] if match else None
