"""What every dashboard page shares: the areas and period shown, the cached case frames,
labels for the catalogue's names, and disclosure control by role."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sendassure.casework.measures import CaseFrames, case_frames
from sendassure.core.roles import CHILD_LEVEL_ROLES
from sendassure.ingest.models import ImportRun
from sendassure.kpis.disclosure import RULES_BY_SECTION, disclose_result, sensitive

LABELS = {
    "plans_issued_den": "EHC plans issued (excluding mediation and tribunal)",
    "plans_issued_within_20_weeks": "Issued within 20 weeks",
    "pc_plans_issued_within_20_weeks": "% issued within 20 weeks",
    "plans_issued_gt20weeks_ltyear": "Issued after 20 weeks, within a year",
    "pc_plans_issued_gt20weeks_ltyear": "% issued after 20 weeks, within a year",
    "plans_issued_gt_1_year": "Issued after more than a year",
    "pc_plans_issued_gt_1_year": "% issued after more than a year",
    "avg_weeks_issue_plan": "Average weeks to issue",
    "plans_issued_den_ex": "Plans issued, excluding exceptions",
    "plans_issued_20_weeks_ex": "Within 20 weeks, excluding exceptions",
    "pc_plans_issued_20_weeks_ex": "% within 20 weeks, excluding exceptions",
    "plans_issued_gt20weeks_ltyear_ex": "After 20 weeks within a year, excluding exceptions",
    "pc_plans_issued_gt20weeks_ltyear_ex": "% after 20 weeks within a year, excluding exceptions",
    "plans_issued_gt_1_year_ex": "After more than a year, excluding exceptions",
    "pc_plans_issued_gt_1_year_ex": "% after more than a year, excluding exceptions",
    "avg_weeks_issue_plan_exc": "Average weeks to issue, excluding exceptions",
    "requests_received": "Requests for assessment received",
    "requests_decided": "Decisions whether to assess",
    "decided_within_6_weeks": "Decided within 6 weeks",
    "pc_decided_within_6_weeks": "% decided within 6 weeks",
    "requests_refused": "Requests refused",
    "pc_requests_refused": "% of decisions that refused",
    "not_to_issue": "Decisions not to issue a plan",
    "not_to_issue_within_16_weeks": "Of which within 16 weeks",
    "pc_not_to_issue_within_16_weeks": "% within 16 weeks",
    "open_total": "Open assessments",
    "open_over_20_weeks": "Open over 20 weeks",
    "open_over_30_weeks": "Open over 30 weeks",
    "open_over_52_weeks": "Open over 52 weeks",
    "due_to_breach_4_weeks": "Due to pass 20 weeks within 4 weeks",
    "reviews_held": "Annual review meetings held",
    "reviews_within_4_weeks": "Decision notified within 4 weeks",
    "pc_reviews_within_4_weeks": "% decisions within 4 weeks",
    "ehcplans": "Active EHC plans",
    "reviews_overdue": "Plans with an overdue annual review",
    "mainstream_total": "Placed in mainstream schools",
    "mainstream_total_pc": "% in mainstream schools",
    "special_total": "Placed in special schools",
    "special_total_pc": "% in special schools",
    "phase_transfers_due": "Phase transfers due",
    "phase_transfers_on_time": "Phase transfers on time",
    "pc_phase_transfers_on_time": "% phase transfers on time",
}

_CACHE: dict[tuple, CaseFrames] = {}


def frames_for(areas: list[str]) -> CaseFrames:
    """Case frames for the areas, rebuilt only when a new import has landed."""
    latest = (
        ImportRun.objects.filter(la__in=areas).order_by("-id")
        .values_list("id", "file_hash", "started_at").first()
    )
    key = (tuple(sorted(areas)), latest)
    if key not in _CACHE:
        if len(_CACHE) > 8:
            _CACHE.clear()
        _CACHE[key] = case_frames(areas)
    return _CACHE[key]


@dataclass
class View:
    """Who is looking, at which areas and period."""

    areas: list[str]
    aggregate: bool
    year: int
    as_of: date

    @property
    def area_label(self) -> str:
        return ", ".join(self.areas) if self.areas else "no area"


def is_aggregate(user) -> bool:
    return user.role not in CHILD_LEVEL_ROLES


def text(value) -> str:
    if value is None:
        return "no value"
    if isinstance(value, Decimal):
        return f"{value:.1f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def shown(section: str, values: dict, aggregate: bool) -> list[dict]:
    """Rows (name, label, value text) for a summary list, disclosure-controlled for
    aggregate roles ("c" = hidden to protect children's privacy; "z" = no value)."""
    if aggregate:
        controlled = disclose_result(values, RULES_BY_SECTION[section])
        shown_values = {k: controlled[k] for k in values}
    else:
        shown_values = {k: text(v) for k, v in values.items()}
    return [{"name": k, "label": LABELS.get(k, k), "value": shown_values[k]} for k in values]


def hidden_share(numerator: int | None, denominator: int | None) -> bool:
    """Would showing numerator / denominator let a count from 1 to 4 be worked out?"""
    if denominator is None or numerator is None:
        return False
    return any(sensitive(v) for v in (numerator, denominator, denominator - numerator))
