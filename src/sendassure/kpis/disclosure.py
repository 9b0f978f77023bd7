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

import math
from collections.abc import Callable, Collection, Hashable, Mapping, Sequence
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
    settled: Mapping[Hashable, bool] | None = None,
    prefer: Callable[[Hashable], int] = lambda key: 0,
) -> set[Hashable]:
    """The keys of ``counts`` to show as ``c``: primary suppression, secondary suppression
    along the lines, then as many more as it takes until no count from 1 to
    ``threshold - 1`` (shown or not) can be worked out exactly from what is shown
    (``exposed``).

    ``unpublished``: values of cells that appear in ``lines`` but are not shown.
    ``settled``: cells already published elsewhere (key -> hidden or not), which keep
    that state: a total shown in one table is shown wherever it appears.
    ``prefer``: which cells to hide first when there is a choice (lower first; then the
    smaller value), so the headline counts stay visible where they can.
    A line with any missing (null) member cannot be used for subtraction and is skipped.
    """
    hidden_values = dict(unpublished or {})
    frozen = dict(settled or {})
    suppressed = {k for k, v in counts.items() if sensitive(v, threshold) and k not in frozen}
    suppressed |= {k for k, hidden in frozen.items() if hidden}
    values = {**{k: v for k, v in counts.items() if v is not None}, **hidden_values}
    solved: dict = {}
    while True:
        _secondary(counts, lines, threshold, hidden_values, suppressed, frozen, prefer)
        found = _exposures(values, suppressed, set(hidden_values), lines, threshold, solved)
        if not found:
            return suppressed
        added = {pick for key, linked in found
                 if (pick := _protector(key, linked, values, suppressed, hidden_values,
                                        frozen, prefer))}
        if not added:  # nothing visible is left to hide around these cells
            return suppressed
        suppressed |= added


def _secondary(counts, lines, threshold, hidden_values, suppressed, frozen, prefer) -> None:
    """A line with exactly one hidden member would give it away by subtraction: hide its
    next smallest visible part too (in place), until no line has exactly one."""
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
            pick = _next_smallest(parts, total, counts, suppressed, {**hidden_values, **frozen},
                                  prefer)
            if pick is not None:
                suppressed.add(pick)
                changed = True


def _next_smallest(
    parts: Sequence[Hashable], total: Hashable, counts: Mapping[Hashable, int | None],
    suppressed: set[Hashable], unavailable: Mapping[Hashable, object],
    prefer: Callable[[Hashable], int] = lambda key: 0,
) -> Hashable | None:
    """The smallest visible non-zero part, else the total; zeros are never hidden (a
    ``c`` therefore always stands for a count of at least 1); ``unavailable`` cells
    (unpublished or settled elsewhere) are never picked."""
    visible = [k for k in parts if k not in suppressed and k not in unavailable]
    nonzero = [k for k in visible if (counts[k] or 0) > 0]
    if nonzero:
        return min(nonzero, key=lambda k: (prefer(k), counts[k]))  # first of equal smallest
    if total not in suppressed and total not in unavailable:
        return total
    return None


def _protector(key, linked, values, suppressed, unpublished, frozen, prefer
               ) -> Hashable | None:
    """A visible cell to hide so that ``key`` can no longer be worked out: a non-zero
    visible member of the lines ``linked`` to it, preferring (in order) cells
    ``prefer`` ranks first, cells on a line through ``key`` itself, smaller values."""
    found = {}
    for parts, total in linked:
        near = key in parts or key == total
        for k in (*parts, total):
            if (k not in suppressed and k not in unpublished and k not in frozen
                    and values.get(k)):
                found[k] = found.get(k, False) or near
    if not found:
        return None
    return min(found, key=lambda k: (prefer(k), not found[k], values[k], str(k)))


def exposed(values: Mapping[Hashable, int], hidden: set[Hashable], unpublished: set[Hashable],
            lines: Sequence[Line], threshold: int = THRESHOLD) -> list[Hashable]:
    """Hidden or unpublished cells holding a count from 1 to ``threshold - 1`` whose exact
    value follows from the visible cells and the lines (parts add up to their total).

    The attacker is given every line, the visible values, that counts are whole numbers,
    that a hidden cell is at least 1 (zeros are never hidden) and that an unpublished one
    is at least 0. A cell is exposed when its smallest and largest possible values are
    equal (integer programmes solved with HiGHS through ``scipy.optimize.milp``), each
    worked out over the lines linked to it through other unknown cells.
    """
    return [key for key, _ in _exposures(values, hidden, unpublished, lines, threshold)]


def _exposures(values, hidden, unpublished, lines, threshold,
               solved: dict | None = None) -> list[tuple[Hashable, list]]:
    """Each exposed cell (see ``exposed``) with the lines linked to it. ``solved`` keeps
    each component's answer between rounds of ``suppress``: a component no new hidden
    cell touched is not solved again."""
    unknown = set(hidden) | set(unpublished)
    usable = [(tuple(parts), total) for parts, total in lines
              if all(k in values for k in (*parts, total))
              and any(k in unknown for k in (*parts, total))]
    solved = {} if solved is None else solved
    found = []
    for component, cells in _components(usable, unknown):
        targets = [k for k in cells if sensitive(values.get(k), threshold)]
        if not targets:
            continue
        key = (frozenset(cells), frozenset(k for k in cells if k in hidden), len(component))
        if key not in solved:
            solved[key] = _determined(targets, values, hidden, cells, component)
        found += [(cell, component) for cell in solved[key]]
    return found


def _components(lines: Sequence[Line], unknown: set) -> list[tuple[list[Line], list]]:
    """Lines grouped by the unknown cells they share (union-find), with those cells."""
    parent: dict = {}

    def find(k):
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for parts, total in lines:
        members = [k for k in (*parts, total) if k in unknown]
        for k in members:
            parent.setdefault(k, k)
        root = find(members[0])
        for k in members[1:]:
            other = find(k)
            if other != root:
                parent[other] = root
    groups: dict = {}
    for line in lines:
        first = next(k for k in (*line[0], line[1]) if k in unknown)
        groups.setdefault(find(first), []).append(line)
    cells: dict = {}
    for k in parent:
        cells.setdefault(find(k), []).append(k)
    return [(groups[root], cells[root]) for root in groups]


def _determined(targets, values, hidden, cells, lines) -> list:
    """The targets whose value the component's lines pin down exactly.

    A target the equalities alone pin down (by differences) is found by linear algebra.
    Of the rest, a target is free once any solution moves it: a few programmes over all
    of them at once (push every unproven target up, then down) free most; each that is
    left gets its own (its largest and smallest value). Variables are capped far above
    every value in sight, which can only keep a target pinned, never free one wrongly."""
    import numpy as np
    from scipy.linalg import null_space
    from scipy.optimize import Bounds, LinearConstraint, milp
    from scipy.sparse import lil_matrix

    variables = sorted(cells, key=str)
    index = {k: i for i, k in enumerate(variables)}
    matrix = lil_matrix((len(lines), len(variables)))
    rhs = np.zeros(len(lines))
    scale = 1.0
    for row, (parts, total) in enumerate(lines):
        for k, sign in [*((p, 1.0) for p in parts), (total, -1.0)]:
            scale = max(scale, float(values[k]))
            if k in index:
                matrix[row, index[k]] += sign
            else:
                rhs[row] -= sign * values[k]
    lower = np.array([min(1, values[k]) if k in hidden else 0 for k in variables], float)
    upper = np.full(len(variables), 10 * scale + 10)
    constraint = LinearConstraint(matrix.tocsr(), rhs, rhs)
    bounds = Bounds(lower, upper)
    integral = np.ones(len(variables))
    truth = np.array([values[k] for k in variables], float)

    def moved(chosen: list, sign: float, watch: list) -> set:
        """Push ``chosen`` up (or down): the cells of ``watch`` the solution moves."""
        objective = np.zeros(len(variables))
        for key in chosen:
            objective[index[key]] = -sign  # milp minimises
        result = milp(objective, constraints=constraint, bounds=bounds, integrality=integral)
        if result.x is None:
            return set()
        return {key for key in watch if abs(result.x[index[key]] - truth[index[key]]) > 0.5}

    # equalities alone pin a cell when no direction that keeps every line balanced moves
    # it (its row of the null space is zero): no programme needed for those
    null = null_space(matrix.toarray()) if len(variables) else np.zeros((0, 0))
    pinned = [k for k in targets if not null.size or np.abs(null[index[k]]).max() < 1e-9]
    # ... and bounds carried along the lines pin others (two c's summing to 2 are 1 each)
    box = _propagate(lines, values, {k: min(1, values[k]) if k in hidden else 0
                                     for k in variables})
    pinned += [k for k in targets if k not in pinned and box[k][0] == box[k][1]]
    if pinned:  # protect these first; the programmes run once nothing cheaper is found
        return pinned
    unproven = list(targets)
    while unproven:
        freed = moved(unproven, 1.0, unproven)
        freed |= moved([k for k in unproven if k not in freed], -1.0, unproven)
        if not freed:
            break
        unproven = [k for k in unproven if k not in freed]
    for key in list(unproven):  # each one left on its own; any solution frees others too
        if key not in unproven:
            continue
        for sign in (1.0, -1.0):
            freed = moved([key], sign, unproven)
            unproven = [k for k in unproven if k not in freed]
            if key in freed:
                break
    return unproven


def _propagate(lines, values, lower: dict, passes: int = 50) -> dict:
    """Integer bounds of each unknown cell implied by the lines, carried from line to line
    until they stop changing (each is a sound bound; a cell whose two bounds meet is
    pinned)."""
    box = {k: [lb, math.inf] for k, lb in lower.items()}
    for _ in range(passes):
        changed = False
        for parts, total in lines:
            members = [(k, 1) for k in parts] + [(total, -1)]
            known = sum(sign * values[k] for k, sign in members if k not in box)
            unknown = [(k, sign) for k, sign in members if k in box]
            for k, sign in unknown:
                # sign * k = -(known + sum of the others' signed values)
                low = high = -known
                for other, s2 in unknown:
                    if other == k:
                        continue
                    lo, hi = box[other]
                    low -= s2 * (hi if s2 > 0 else lo)
                    high -= s2 * (lo if s2 > 0 else hi)
                if sign < 0:
                    low, high = -high, -low
                new_lo = box[k][0] if low == -math.inf else max(box[k][0], math.ceil(low))
                new_hi = box[k][1] if high == math.inf else min(box[k][1], math.floor(high))
                if (new_lo, new_hi) != tuple(box[k]):
                    box[k] = [new_lo, new_hi]
                    changed = True
        if not changed:
            break
    return box


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
    name -> (total, [published parts]) so its value is total minus the parts;
    ``expendable``: counts secondary suppression should hide before the others.
    """

    lines: tuple[Line, ...] = ()
    percentages: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    means: Mapping[str, str] = field(default_factory=dict)
    complements: Mapping[str, tuple[str, tuple[str, ...]]] = field(default_factory=dict)
    expendable: tuple[str, ...] = ()  # counts to hide first when a choice is to be made


# The excluding-exceptions counts are parts of the counts they come from: the
# exceptions (``Week20 = 1``) are the unpublished difference, so a measure beside its
# ``_ex`` version can never give away a count of 1 to 4 exceptions.
_EXCEPTIONS = {
    "plans_issued_den_exceptions": ("plans_issued_den", "plans_issued_den_ex"),
    "plans_issued_20_weeks_exceptions": ("plans_issued_within_20_weeks",
                                         "plans_issued_20_weeks_ex"),
    "plans_issued_gt20weeks_ltyear_exceptions": ("plans_issued_gt20weeks_ltyear",
                                                 "plans_issued_gt20weeks_ltyear_ex"),
    "plans_issued_gt_1_year_exceptions": ("plans_issued_gt_1_year", "plans_issued_gt_1_year_ex"),
}
TIMELINESS = Rules(
    lines=(
        (("plans_issued_within_20_weeks", "plans_issued_gt20weeks_ltyear",
          "plans_issued_gt_1_year"), "plans_issued_den"),
        (("plans_issued_20_weeks_ex", "plans_issued_gt20weeks_ltyear_ex",
          "plans_issued_gt_1_year_ex"), "plans_issued_den_ex"),
        *(((part, name), total) for name, (total, part) in _EXCEPTIONS.items()),
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
    complements={name: (total, (part,)) for name, (total, part) in _EXCEPTIONS.items()},
    expendable=("plans_issued_den_ex", "plans_issued_20_weeks_ex",
                "plans_issued_gt20weeks_ltyear_ex", "plans_issued_gt_1_year_ex"),
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
    return disclose_rows({0: values}, rules, threshold=threshold)[0]


def disclose_rows(
    rows: Mapping[Hashable, Mapping[str, Any]],
    rules: Rules,
    row_lines: Sequence[tuple[Sequence[Hashable], Hashable]] = (),
    unpublished_rows: Collection[Hashable] = (),
    threshold: int = THRESHOLD,
    settled: Mapping[tuple[Hashable, str], bool] | None = None,
) -> dict[Hashable, dict[str, str]]:
    """Rows of one result type (groups, periods...) controlled together, as text.

    Within each row the ``rules`` tie the outputs together; ``row_lines`` tie rows
    together: (part rows, total row) means every count of the total row is the sum of
    the same count in the part rows (groups and their total; months and their quarter).
    ``unpublished_rows`` are never shown but are known to add up (e.g. months before the
    data begins inside a 12-month window): an attacker knows only that they are at least
    0. Rows are not shown for those keys. ``settled``: (row, output) cells already
    published elsewhere, hidden or not (see ``suppress``).
    """
    ratios = set(rules.percentages) | set(rules.means)
    counts: dict[Hashable, int | None] = {}
    unpublished: dict[Hashable, int] = {}
    lines: list[Line] = []
    columns: set[str] = set()
    for key, values in rows.items():
        row_counts, row_hidden = _cell_values(values, rules)
        for name, value in row_counts.items():
            columns.add(name)
            if key in unpublished_rows:
                if value is not None:
                    unpublished[key, name] = value
            else:
                counts[key, name] = value
        for name, value in row_hidden.items():
            unpublished[key, name] = value
        lines += [([(key, p) for p in parts], (key, t)) for parts, t in rules.lines]
    for parts, total in row_lines:
        lines += [([(p, c) for p in parts], (total, c)) for c in sorted(columns)]
    hidden = suppress(counts, lines, threshold, unpublished, settled,
                      prefer=lambda key: 0 if key[1] in rules.expendable else 1)
    shown = {}
    for key, values in rows.items():
        if key in unpublished_rows:
            continue
        row_counts = {c: counts.get((key, c)) for c in values if c not in ratios}
        shown[key] = _show(values, row_counts, hidden, rules, threshold, key=key)
    return shown


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
    row_lines = []
    if total_label is not None:
        total: dict[str, Any] = dict.fromkeys(frame.columns)
        for c in keys:
            total[c] = total_label
        for c in count_cols:
            column = [r[c] for r in rows]
            total[c] = None if any(v is None for v in column) else sum(column)
        rows.append(total)
        row_lines = [(range(len(rows) - 1), len(rows) - 1)]
    values = {i: {c: row[c] for c in frame.columns if c not in keys}
              for i, row in enumerate(rows)}
    texts = disclose_rows(values, rules, row_lines, threshold=threshold)
    shown = []
    for i, row in enumerate(rows):
        text = texts[i]
        if total_label is not None and i == len(rows) - 1:
            text = {c: (UNAVAILABLE if c in ratios else v) for c, v in text.items()}
        shown.append({**{c: str(row[c]) for c in keys}, **text})
    return pl.DataFrame(shown, schema=dict.fromkeys(frame.columns, pl.String()))


NOT_TO_ISSUE = Rules(
    lines=((("not_to_issue_within_16_weeks", "not_to_issue_after_16_weeks"), "not_to_issue"),),
    percentages={"pc_not_to_issue_within_16_weeks": ("not_to_issue_within_16_weeks",
                                                     "not_to_issue")},
    complements={"not_to_issue_after_16_weeks": ("not_to_issue",
                                                 ("not_to_issue_within_16_weeks",))},
)
# Open cases by age: each count is a subset of open_total (over 52 within over 30 within
# over 20; due to breach within the first 20 weeks), so the unpublished bands between
# them are the additive parts.
OPEN_ASSESSMENTS = Rules(
    lines=((("open_within_20_weeks", "open_over_20_weeks"), "open_total"),
           (("open_20_to_30_weeks", "open_over_30_weeks"), "open_over_20_weeks"),
           (("open_30_to_52_weeks", "open_over_52_weeks"), "open_over_30_weeks"),
           (("due_to_breach_4_weeks", "open_within_16_weeks"), "open_within_20_weeks")),
    complements={"open_within_20_weeks": ("open_total", ("open_over_20_weeks",)),
                 "open_20_to_30_weeks": ("open_over_20_weeks", ("open_over_30_weeks",)),
                 "open_30_to_52_weeks": ("open_over_30_weeks", ("open_over_52_weeks",)),
                 "open_within_16_weeks": ("open_total", ("open_over_20_weeks",
                                                         "due_to_breach_4_weeks"))},
)
ANNUAL_REVIEWS = Rules(
    lines=((("reviews_within_4_weeks", "reviews_after_4_weeks"), "reviews_held"),),
    percentages={"pc_reviews_within_4_weeks": ("reviews_within_4_weeks", "reviews_held")},
    complements={"reviews_after_4_weeks": ("reviews_held", ("reviews_within_4_weeks",))},
)
REDRESS = Rules(
    lines=((("with_mediation", "without_mediation"), "redress_requests"),
           (("with_tribunal", "without_tribunal"), "redress_requests")),
    percentages={"pc_with_mediation": ("with_mediation", "redress_requests"),
                 "pc_with_tribunal": ("with_tribunal", "redress_requests")},
    complements={"without_mediation": ("redress_requests", ("with_mediation",)),
                 "without_tribunal": ("redress_requests", ("with_tribunal",))},
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
REVIEWS_OVERDUE = Rules(
    lines=((("reviews_overdue", "reviews_not_overdue"), "ehcplans"),),
    complements={"reviews_not_overdue": ("ehcplans", ("reviews_overdue",))},
)
RULES_BY_SECTION = {
    "timeliness": TIMELINESS, "decisions": DECISIONS, "not_to_issue": NOT_TO_ISSUE,
    "open_assessments": OPEN_ASSESSMENTS, "annual_reviews": ANNUAL_REVIEWS,
    "caseload": CASELOAD, "phase_transfers": PHASE_TRANSFERS,
    "reviews_overdue": REVIEWS_OVERDUE,
}  # fmt: skip
