"""What a synthetic local area is calibrated to: the published figures listed below.

An :class:`AreaProfile` gives, per calendar year ``Y``: requests received in ``Y``,
active plans at the January census after ``Y`` (``ehcplans``), the share of new
plans issued within 20 weeks (DfE ``pc_plans_issued_within_20_weeks``) and the
share of active plans whose rank-1 placement is a mainstream school
(``mainstream_total_pc``). Years outside the published ones are extrapolated:
requests +5 % a year, active plans +6 % a year from the nearest published year.

``kent_profile`` uses Kent's (886) published figures; its timeliness is the
published series (2019 28.9 %, 2020 31.1 %, 2021 41.3 %, 2022 40.9 %, 2023 18.0 %,
2024 32.3 %, and 56.8 % for 2025 from the 2026 release) and 40 % for any other
year. ``la_profile`` uses an LA's own published series (``la_codes.csv``), with the
England 2024 rate (45.9 %) where a year is missing or suppressed.
"""

from __future__ import annotations

from dataclasses import dataclass

from .la_table import LocalAuthority, local_authority

# Requests received by calendar month, per 100 (Kent: August under ~100 of ~3,500,
# September much higher).
MONTH_WEIGHTS = (9.0, 8.5, 9.5, 7.0, 9.0, 10.0, 10.5, 2.8, 9.5, 10.0, 9.0, 5.2)

REQUEST_OUTCOME_WEIGHTS = {"Y": 0.645, "N": 0.35, "W": 0.005}  # of decided requests
DECIDED_WITHIN_6_WEEKS = 0.78
ASSESSMENT_OUTCOME_WEIGHTS = {"Y": 0.875, "N": 0.11, "W": 0.015}  # of assessments
NOT_TO_ISSUE_WITHIN_16_WEEKS = 0.35
LATE_OVER_ONE_YEAR = 0.2  # of plans issued after 20 weeks
WEEK20_EXCEPTION_LATE = 0.045
WEEK20_EXCEPTION_ON_TIME = 0.004
REVIEW_DECISION_WITHIN_4_WEEKS = 0.44
REVIEW_MEETING_MISSED = 0.08
PHASE_TRANSFER_ON_TIME = 0.65

# Primary need of plans (about a third autism).
SEN_TYPE_WEIGHTS = {
    "ASD": 33.0,
    "SLCN": 20.0,
    "SEMH": 16.0,
    "MLD": 9.0,
    "SLD": 5.0,
    "PD": 4.0,
    "SPLD": 3.5,
    "PMLD": 2.0,
    "HI": 1.8,
    "VI": 1.0,
    "MSI": 0.2,
    "DS": 1.5,
    "OTH": 3.0,
}

# Kent 2024 ceased plans by reason (ceased_plans.csv), CeaseReason code -> count.
CEASE_REASON_WEIGHTS = {
    "1": 32,
    "2": 102,
    "3": 122,
    "4": 276,
    "5": 306,
    "6": 918,
    "7": 39,
    "8": 19,
    "9": 267,
}
CEASE_REASONS_UNDER_16 = ("2", "5", "7", "8", "9")

REQUEST_SOURCE_WEIGHTS = {"1": 46, "2": 44, "3": 5, "4": 3, "5": 2}

# Age at request (years), weights.
REQUEST_AGE_WEIGHTS = {
    1: 1, 2: 4, 3: 9, 4: 10, 5: 9, 6: 8, 7: 7, 8: 7, 9: 6, 10: 6, 11: 6, 12: 5,
    13: 5, 14: 5, 15: 4, 16: 3, 17: 2, 18: 1.5, 19: 0.8, 20: 0.4, 21: 0.3,
}  # fmt: skip
# Age on 1 January of the first generated year for plans already in place.
LEGACY_AGE_WEIGHTS = {
    3: 1, 4: 2, 5: 3, 6: 4, 7: 5, 8: 6, 9: 6, 10: 7, 11: 7, 12: 7, 13: 7, 14: 7,
    15: 7, 16: 6, 17: 5, 18: 4, 19: 3, 20: 2, 21: 1.5, 22: 1, 23: 0.7, 24: 0.4,
}  # fmt: skip

# CBDS ethnicity codes (2024 SEN2 list) with Kent-like weights.
ETHNICITY_WEIGHTS = {
    "WBRI": 79.0, "WOTH": 4.0, "WIRI": 0.4, "WIRT": 0.2, "WROM": 0.4,
    "MWBC": 1.6, "MWBA": 0.7, "MWAS": 1.1, "MOTH": 2.0,
    "AIND": 1.3, "APKN": 0.4, "ABAN": 0.3, "AOTH": 0.9, "CHNE": 0.2,
    "BCRB": 0.4, "BAFR": 1.8, "BOTH": 0.3, "OOTH": 0.9, "REFU": 0.6, "NOBT": 1.5,
}  # fmt: skip

MALE_SHARE = 0.72

KENT_CODE = "886"
KENT_TIMELINESS = {
    2019: 28.9, 2020: 31.1, 2021: 41.3, 2022: 40.9, 2023: 18.0, 2024: 32.3, 2025: 56.8,
}  # fmt: skip
OTHER_YEAR_TIMELINESS = 40.0
ENGLAND_TIMELINESS_2024 = 45.9
REQUEST_GROWTH = 1.05
PLAN_GROWTH = 1.06
KENT_MAINSTREAM_2024 = 36.1


def _extrapolate(series: dict[int, float], year: int, growth: float) -> float:
    if year in series:
        return float(series[year])
    nearest = min(series, key=lambda y: (abs(y - year), y))
    return series[nearest] * growth ** (year - nearest)


@dataclass(frozen=True, slots=True)
class AreaProfile:
    """Targets for one synthetic area. ``size`` multiplies every count."""

    la: LocalAuthority
    timeliness: dict[int, float]
    default_timeliness: float
    size: float = 1.0

    def requests(self, year: int) -> float:
        series = self.la.requests or {2024: self.active_plans(2024) * 0.2}
        return _extrapolate(series, year, REQUEST_GROWTH) * self.size

    def active_plans(self, year: int) -> float:
        """Plans active at the census in January of ``year + 1``."""
        return _extrapolate(self.la.ehcplans, year, PLAN_GROWTH) * self.size

    def pc_within_20_weeks(self, year: int) -> float:
        return self.timeliness.get(year, self.default_timeliness) / 100.0

    def mainstream_share(self, year: int) -> float:
        series = self.la.mainstream_pc or {2024: 40.0}
        return _extrapolate(series, year, 1.0) / 100.0


def kent_profile(size: float = 1.0) -> AreaProfile:
    la = local_authority(KENT_CODE)
    assert la is not None
    return AreaProfile(la, dict(KENT_TIMELINESS), OTHER_YEAR_TIMELINESS, size)


def la_profile(code: str, size: float = 1.0) -> AreaProfile:
    la = local_authority(code)
    if la is None:
        raise ValueError(f"{code!r} is not one of the 153 English LA codes")
    if code == KENT_CODE:
        return kent_profile(size)
    return AreaProfile(la, dict(la.pc_within_20_weeks), ENGLAND_TIMELINESS_2024, size)
