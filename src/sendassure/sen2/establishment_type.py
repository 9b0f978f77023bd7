"""Which kind of setting a placement is, in DfE's EHC plan caseload groupings.

DfE's caseload tables (``ehcp_2025/data/caseload.csv``, "Type of placement") split
active plans into:

- ``Mainstream - total`` (``mainstream_total``): LA maintained, academy and free
  mainstream schools, each including those with an SEN unit or resourced
  provision, and independent mainstream schools (``mainstream_independent``);
- ``Special - total`` (``special_total``): LA maintained, academy/free school,
  independent and non-maintained special schools;
- everything else: ``AP/PRU`` (pupil referral units, AP academies and free
  schools), ``FE`` (general FE and tertiary colleges, specialist post-16
  institutions, UKRLP providers), ``Educated elsewhere`` (elective home education,
  other arrangements by the LA or parents, online providers, Welsh establishments,
  other schools and settings, NEET and not in education or training),
  ``Non-maintained early years`` and ``Placement not recorded``.

:func:`classify_placement` maps a placement onto ``"mainstream"``, ``"special"`` or
``"other"`` (the last covering every group but the first two), from the GIAS
``TypeOfEstablishment (name)`` of its URN, else its ``EstablishmentTypeGroup (name)``,
else its SEN2 ``SENSetting``:

=============================================  ==============
GIAS type of establishment                     classification
=============================================  ==============
Community / Voluntary aided / Voluntary        mainstream
controlled / Foundation school, Academy
converter / sponsor led, Free schools, City
technology college, University technical
college, Studio schools, Local authority
nursery school, Other independent school
Community / Foundation special school,         special
Academy special converter / sponsor led, Free
schools special, Non-maintained special
school, Other independent special school
Pupil referral unit, Academy / Free schools    other
alternative provision, Further education,
Sixth form centres, Special post 16
institution, Academy 16-19 converter /
16 to 19 sponsor led, Free schools 16 to 19,
Higher education institutions, Online
provider, Welsh establishment, Secure units,
Academy secure 16 to 19, and any other type
=============================================  ==============

Decisions where DfE's text is silent: LA nursery schools count as mainstream
(state-funded mainstream schools); 16-19 academies and free schools count with FE
(sixth-form colleges), so "other". ``SENunitIndicator`` and
``ResourcedProvisionIndicator`` never change the class: a mainstream school with an
SEN unit or resourced provision is still mainstream (DfE counts it in
``mainstream_total``), and a flag on a special school does not make it mainstream.
Without a type, the group decides: ``Special schools`` -> special; ``Local authority
maintained schools``, ``Academies``, ``Free Schools``, ``Independent schools`` ->
mainstream (their usual members; a special academy recorded without its type is
misread); anything else, or a placement with only an ``SENSetting`` code (``EHE``,
``OLA``, ``OPA``, ``EYP``, ``OTH``, ``NEET``, ``NIEC``, ``NIEO``) -> other. Matching
ignores case and surrounding spaces.
"""

from __future__ import annotations

from typing import Literal

Placement = Literal["mainstream", "special", "other"]

MAINSTREAM_TYPES = frozenset(
    {
        "community school",
        "voluntary aided school",
        "voluntary controlled school",
        "foundation school",
        "academy converter",
        "academy sponsor led",
        "free schools",
        "city technology college",
        "university technical college",
        "studio schools",
        "local authority nursery school",
        "la nursery school",
        "other independent school",
    }
)
SPECIAL_TYPES = frozenset(
    {
        "community special school",
        "foundation special school",
        "academy special converter",
        "academy special sponsor led",
        "free schools special",
        "non-maintained special school",
        "other independent special school",
    }
)
MAINSTREAM_GROUPS = frozenset(
    {"local authority maintained schools", "academies", "free schools", "independent schools"}
)
SPECIAL_GROUPS = frozenset({"special schools"})


def _norm(text: str | None) -> str:
    return " ".join((text or "").split()).lower()


def classify_placement(
    type_of_establishment: str | None,
    type_group: str | None,
    sen_setting: str | None,
    sen_unit: str | None,
    resourced: str | None,
) -> Placement:
    """``"mainstream"``, ``"special"`` or ``"other"`` for one placement (see module doc)."""
    del sen_setting, sen_unit, resourced  # never change the class (see module doc)
    kind = _norm(type_of_establishment)
    if kind:
        if kind in MAINSTREAM_TYPES:
            return "mainstream"
        if kind in SPECIAL_TYPES:
            return "special"
        return "other"
    group = _norm(type_group)
    if group in SPECIAL_GROUPS:
        return "special"
    if group in MAINSTREAM_GROUPS:
        return "mainstream"
    return "other"
