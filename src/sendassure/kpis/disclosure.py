"""§6 Disclosure control for outputs shown to roles without child-level access.

- a count from 1 to ``threshold - 1`` (default 1-4) is shown as ``c``; 0 stays 0;
- secondary suppression: cells are tied by additive *lines* (parts that add up to a
  total, e.g. a table row and its row total). A line with exactly one hidden member
  would let it be recovered by subtraction, so its next smallest visible part (non-zero
  first; else the line's total; else a zero part) is suppressed too, until no line has
  exactly one hidden member. A part that is never published (e.g. "decided after 6
  weeks", the complement of a published count) is hidden by nature; it only needs
  protecting when it is itself 1-4;
- a percentage (or mean) whose numerator or denominator is suppressed, or whose
  denominator is below the threshold, is ``c``; a null percentage (zero denominator) is
  ``z``; a missing count is ``x``. No rounding is applied (§6 asks for none).
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import polars as pl

CONFIDENTIAL = "c"
NOT_APPLICABLE = "z"
UNAVAILABLE = "x"
LOW = "low"
THRESHOLD = 5

Line = tuple[Sequence[Hashable], Hashable]  # (parts, total)


def sensitive(value: int | None, threshold: int = THRESHOLD) -> bool:
    return value is not None and 1 <= value < threshold


def suppress(
    counts: Mapping[Hashable, int | None],
    lines: Sequence[Line],
    threshold: int = THRESHOLD,
    unpublished: Mapping[Hashable, int] | None = None,
) -> set[Hashable]:
    """The keys of ``counts`` to show as ``c`` (primary and secondary suppression).

    ``unpublished``: values of cells that appear in ``lines`` but are not shown.
    A line with any missing (null) member cannot be used for subtraction and is skipped.
    """
    hidden_values = dict(unpublished or {})
    suppressed = {k for k, v in counts.items() if sensitive(v, threshold)}
    changed = True
    while changed:
        changed = False
        for parts, total in lines:
            members = [*parts, total]
            if any(k not in hidden_values and counts.get(k) is None for k in members):
                continue
            hidden = [k for k in members if k in suppressed or k in hidden_values]
            if len(hidden) != 1:
                continue
            only = hidden[0]
            if only in hidden_values and not sensitive(hidden_values[only], threshold):
                continue
            pick = _next_smallest(parts, total, counts, suppressed, hidden_values)
            if pick is not None:
                suppressed.add(pick)
                changed = True
    return suppressed


def _next_smallest(
    parts: Sequence[Hashable], total: Hashable, counts: Mapping[Hashable, int | None],
    suppressed: set[Hashable], unpublished: Mapping[Hashable, int],
) -> Hashable | None:
    visible = [k for k in parts if k not in suppressed and k not in unpublished]
    nonzero = [k for k in visible if (counts[k] or 0) > 0]
    if nonzero:
        return min(nonzero, key=lambda k: counts[k])  # first of equal smallest
    if total not in suppressed and total not in unpublished:
        return total
    return visible[0] if visible else None


def show_count(value: int | None, hidden: bool) -> str:
    if hidden:
        return CONFIDENTIAL
    return UNAVAILABLE if value is None else str(value)


def show_ratio(value: Decimal | float | None, numerator_hidden: bool, denominator: int | None,
               denominator_hidden: bool, threshold: int = THRESHOLD) -> str:
    if numerator_hidden or denominator_hidden or sensitive(denominator, threshold):
        return CONFIDENTIAL
    return NOT_APPLICABLE if value is None else str(value)


def suppress_grid(cells: Sequence[Sequence[int]], threshold: int = THRESHOLD) -> list[list[str]]:
    """A table of counts with row totals (last column), column totals (last row) and the
    grand total, all disclosure-controlled."""
    rows, cols = len(cells), len(cells[0]) if cells else 0
    grid: dict[tuple[int, int], int] = {}
    for i in range(rows):
        for j in range(cols):
            grid[i, j] = int(cells[i][j])
        grid[i, cols] = sum(grid[i, j] for j in range(cols))
    for j in range(cols + 1):
        grid[rows, j] = sum(grid[i, j] for i in range(rows))
    lines: list[Line] = [([(i, j) for j in range(cols)], (i, cols)) for i in range(rows + 1)]
    lines += [([(i, j) for i in range(rows)], (rows, j)) for j in range(cols + 1)]
    hidden = suppress(grid, lines, threshold)  # type: ignore[arg-type]
    return [
        [show_count(grid[i, j], (i, j) in hidden) for j in range(cols + 1)]
        for i in range(rows + 1)
    ]


@dataclass(frozen=True)
class Rules:
    """How the named outputs of one result hang together.

    ``lines``: (parts, total) among output names; ``percentages`` and ``means``: output
    name -> (numerator, denominator) / denominator; ``complements``: unpublished part
    name -> (total, [published parts]) so its value is total minus the parts.
    """

    lines: tuple[Line, ...] = ()
    percentages: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    means: Mapping[str, str] = field(default_factory=dict)
    complements: Mapping[str, tuple[str, tuple[str, ...]]] = field(default_factory=dict)


TIMELINESS = Rules(
    lines=(
        (("plans_issued_within_20_weeks", "plans_issued_gt20weeks_ltyear",
          "plans_issued_gt_1_year"), "plans_issued_den"),
        (("plans_issued_20_weeks_ex", "plans_issued_gt20weeks_ltyear_ex",
          "plans_issued_gt_1_year_ex"), "plans_issued_den_ex"),
    ),
    percentages={
        "pc_plans_issued_within_20_weeks": ("plans_issued_within_20_weeks", "plans_issued_den"),
        "pc_plans_issued_gt20weeks_ltyear": ("plans_issued_gt20weeks_ltyear",
                                             "plans_issued_den"),
        "pc_plans_issued_gt_1_year": ("plans_issued_gt_1_year", "plans_issued_den"),
        "pc_plans_issued_20_weeks_ex": ("plans_issued_20_weeks_ex", "plans_issued_den_ex"),
        "pc_plans_issued_gt20weeks_ltyear_ex": ("plans_issued_gt20weeks_ltyear_ex",
                                                "plans_issued_den_ex"),
        "pc_plans_issued_gt_1_year_ex": ("plans_issued_gt_1_year_ex", "plans_issued_den_ex"),
    },
    means={"avg_weeks_issue_plan": "plans_issued_den",
           "avg_weeks_issue_plan_exc": "plans_issued_den_ex"},
)

DECISIONS = Rules(
    lines=((("decided_within_6_weeks", "decided_after_6_weeks"), "requests_decided"),
           (("requests_refused", "requests_agreed"), "requests_decided")),
    percentages={"pc_decided_within_6_weeks": ("decided_within_6_weeks", "requests_decided"),
                 "pc_requests_refused": ("requests_refused", "requests_decided")},
    complements={"decided_after_6_weeks": ("requests_decided", ("decided_within_6_weeks",)),
                 "requests_agreed": ("requests_decided", ("requests_refused",))},
)


def _cell_values(values: Mapping[str, Any], rules: Rules) -> tuple[dict, dict]:
    ratios = set(rules.percentages) | set(rules.means)
    counts = {k: v for k, v in values.items() if k not in ratios and not isinstance(v, str)}
    unpublished = {
        name: counts[total] - sum(counts[p] for p in parts)
        for name, (total, parts) in rules.complements.items()
        if counts.get(total) is not None and all(counts.get(p) is not None for p in parts)
    }
    return counts, unpublished


def disclose_result(values: Mapping[str, Any], rules: Rules,
                    threshold: int = THRESHOLD) -> dict[str, str]:
    """A result's ``as_dict()`` with every value shown as text, disclosure-controlled."""
    counts, unpublished = _cell_values(values, rules)
    hidden = suppress(counts, rules.lines, threshold, unpublished)
    return _show(values, counts, hidden, rules, threshold)


def _show(values: Mapping[str, Any], counts: Mapping[str, Any], hidden: set,
          rules: Rules, threshold: int, key: Any = None) -> dict[str, str]:
    def k(name: str) -> Any:
        return name if key is None else (key, name)

    shown: dict[str, str] = {}
    for name, value in values.items():
        if name in rules.percentages:
            num, den = rules.percentages[name]
            shown[name] = show_ratio(value, k(num) in hidden, counts.get(den), k(den) in hidden,
                                     threshold)
        elif name in rules.means:
            den = rules.means[name]
            shown[name] = show_ratio(value, False, counts.get(den), k(den) in hidden, threshold)
        elif name in counts:
            shown[name] = show_count(value, k(name) in hidden)
        else:
            shown[name] = str(value)
    return shown


def disclose_frame(
    frame: pl.DataFrame,
    keys: Sequence[str],
    rules: Rules,
    threshold: int = THRESHOLD,
    total_label: str | None = "Total",
) -> pl.DataFrame:
    """A breakdown frame (one row per group, groups partitioning the whole) as text with
    disclosure control. With ``total_label`` a total row is appended and each count
    column is also a line (groups add up to the total row); percentages and means of the
    total row are not recomputed here, so the row shows its counts only (its ratios
    ``x``) unless the caller passes a frame that already has its total row
    (``total_label=None``)."""
    rows = frame.to_dicts()
    ratios = set(rules.percentages) | set(rules.means)
    count_cols = [c for c in frame.columns if c not in keys and c not in ratios]
    if total_label is not None:
        total: dict[str, Any] = dict.fromkeys(frame.columns)
        for c in keys:
            total[c] = total_label
        for c in count_cols:
            column = [r[c] for r in rows]
            total[c] = None if any(v is None for v in column) else sum(column)
        rows.append(total)
    counts: dict[Hashable, int | None] = {}
    unpublished: dict[Hashable, int] = {}
    lines: list[Line] = []
    for i, row in enumerate(rows):
        row_counts, row_hidden = _cell_values(row, rules)
        for c in count_cols:
            counts[i, c] = row_counts.get(c)
        for name, value in row_hidden.items():
            unpublished[i, name] = value
        lines += [([(i, p) for p in parts], (i, t)) for parts, t in rules.lines]
    if total_label is not None:
        last = len(rows) - 1
        lines += [([(i, c) for i in range(last)], (last, c)) for c in count_cols]
    hidden = suppress(counts, lines, threshold, unpublished)
    shown = []
    for i, row in enumerate(rows):
        row_counts = {c: counts[i, c] for c in count_cols}
        texts = _show({c: row[c] for c in frame.columns if c not in keys}, row_counts, hidden,
                      rules, threshold, key=i)
        if total_label is not None and i == len(rows) - 1:
            texts = {c: (UNAVAILABLE if c in ratios else v) for c, v in texts.items()}
        shown.append({**{c: str(row[c]) for c in keys}, **texts})
    return pl.DataFrame(shown, schema=dict.fromkeys(frame.columns, pl.String()))


NOT_TO_ISSUE = Rules(
    lines=((("not_to_issue_within_16_weeks", "not_to_issue_after_16_weeks"), "not_to_issue"),),
    percentages={"pc_not_to_issue_within_16_weeks": ("not_to_issue_within_16_weeks",
                                                     "not_to_issue")},
    complements={"not_to_issue_after_16_weeks": ("not_to_issue",
                                                 ("not_to_issue_within_16_weeks",))},
)
# Open cases by age: each count is a subset of open_total, not a partition of it, so the
# bands below are the additive line (within 20 weeks + over 20 = total).
OPEN_ASSESSMENTS = Rules(
    lines=((("open_within_20_weeks", "open_over_20_weeks"), "open_total"),),
    complements={"open_within_20_weeks": ("open_total", ("open_over_20_weeks",))},
)
ANNUAL_REVIEWS = Rules(
    lines=((("reviews_within_4_weeks", "reviews_after_4_weeks"), "reviews_held"),),
    percentages={"pc_reviews_within_4_weeks": ("reviews_within_4_weeks", "reviews_held")},
    complements={"reviews_after_4_weeks": ("reviews_held", ("reviews_within_4_weeks",))},
)
CASELOAD = Rules(
    lines=((("mainstream_total", "special_total", "other_total"), "ehcplans"),),
    percentages={"mainstream_total_pc": ("mainstream_total", "ehcplans"),
                 "special_total_pc": ("special_total", "ehcplans")},
    complements={"other_total": ("ehcplans", ("mainstream_total", "special_total"))},
)
PHASE_TRANSFERS = Rules(
    lines=((("phase_transfers_on_time", "phase_transfers_late"), "phase_transfers_due"),),
    percentages={"pc_phase_transfers_on_time": ("phase_transfers_on_time",
                                                "phase_transfers_due")},
    complements={"phase_transfers_late": ("phase_transfers_due", ("phase_transfers_on_time",))},
)
RULES_BY_SECTION = {
    "timeliness": TIMELINESS, "decisions": DECISIONS, "not_to_issue": NOT_TO_ISSUE,
    "open_assessments": OPEN_ASSESSMENTS, "annual_reviews": ANNUAL_REVIEWS,
    "caseload": CASELOAD, "phase_transfers": PHASE_TRANSFERS,
}  # fmt: skip
