"""§2 XmR charts, NHS "Making Data Count" style.

Per segment (the series is split at each recalculation point):
- centre line = mean of the segment's baseline points (all of them unless ``baseline``
  caps the number), ``MR_i = |x_i - x_{i-1}|`` within the baseline, process limits =
  mean ± 2.66 × mean(MR), "close to a limit" = beyond mean ± 2/3 of that distance;
- special cause (each rule flags points): ``outside`` a point beyond a process limit;
  ``shift`` 7 or more consecutive points on one side of the mean (a point on the mean
  breaks a run); ``trend`` 7 or more consecutive points each strictly above (or below)
  the one before (a repeated value breaks it); ``two_of_three`` 2 of 3 consecutive
  points beyond the same 2-sigma line (the points beyond it are flagged);
- a segment with fewer than ``MIN_POINTS`` (12) points gets no limits and no tests: it is
  shown as a run chart, with a note saying why.
Each special-cause point is "improvement" or "concern" by the improvement direction
(``up``/``down``); with direction ``neither`` it is "neither". The side of a point is
that of the first rule in the order outside, two_of_three, shift, trend.
Assurance (latest segment): target within the limits (inclusive) "hit_and_miss",
limits wholly on the good side "consistently_meets", wholly on the bad side
"consistently_fails"; none without limits, target or direction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from statistics import fmean
from typing import Literal

MIN_POINTS = 12
RUN_LENGTH = 7
LIMIT_FACTOR = 2.66

Direction = Literal["up", "down", "neither"]

COMMON_CAUSE = "common_cause"
IMPROVEMENT = "improvement"
CONCERN = "concern"
NEITHER = "neither"

CONSISTENTLY_MEETS = "consistently_meets"
CONSISTENTLY_FAILS = "consistently_fails"
HIT_AND_MISS = "hit_and_miss"

VARIATION_ICONS = {
    COMMON_CAUSE: "common_cause",
    IMPROVEMENT: "special_cause_improving",
    CONCERN: "special_cause_concerning",
    NEITHER: "special_cause_neither",
}

RULE_ORDER = ("outside", "two_of_three", "shift", "trend")


@dataclass(frozen=True)
class Segment:
    start: int  # index of the first point
    end: int  # index after the last point
    mean: float
    mean_moving_range: float | None
    upper_process_limit: float | None
    lower_process_limit: float | None
    note: str | None = None

    @property
    def has_limits(self) -> bool:
        return self.upper_process_limit is not None

    @property
    def upper_two_sigma(self) -> float | None:
        if self.upper_process_limit is None:
            return None
        return self.mean + (self.upper_process_limit - self.mean) * 2 / 3

    @property
    def lower_two_sigma(self) -> float | None:
        if self.lower_process_limit is None:
            return None
        return self.mean - (self.mean - self.lower_process_limit) * 2 / 3


@dataclass(frozen=True)
class SpcPoint:
    index: int
    value: float
    moving_range: float | None
    rules: tuple[str, ...]
    variation: str  # common_cause / improvement / concern / neither ("" on a run chart)

    @property
    def special_cause(self) -> bool:
        return bool(self.rules)


@dataclass(frozen=True)
class SpcChart:
    points: tuple[SpcPoint, ...]
    segments: tuple[Segment, ...]
    improvement: Direction
    target: float | None
    variation_icon: str | None  # of the latest point, one of VARIATION_ICONS' values
    assurance: str | None
    notes: tuple[str, ...] = field(default=())


def _segment(values: Sequence[float], start: int, end: int, baseline: int | None,
             min_points: int) -> Segment:
    points = list(values[start:end])
    base = points[:baseline] if baseline else points
    mean = fmean(base)
    if len(points) < min_points or len(base) < 2:
        note = (f"points {start + 1} to {end}: {len(points)} points, fewer than {min_points}; "
                "shown as a run chart without process limits")
        return Segment(start, end, mean, None, None, None, note)
    ranges = [abs(b - a) for a, b in zip(base, base[1:], strict=False)]
    mean_mr = fmean(ranges)
    width = LIMIT_FACTOR * mean_mr
    return Segment(start, end, mean, mean_mr, mean + width, mean - width)


def _runs(flags: Sequence[int], length: int) -> set[int]:
    """Indices in runs of ``length`` or more equal non-zero flags (+1 / -1)."""
    marked: set[int] = set()
    run_start = 0
    for i in range(1, len(flags) + 1):
        if i == len(flags) or flags[i] != flags[run_start] or flags[i] == 0:
            if flags[run_start] != 0 and i - run_start >= length:
                marked.update(range(run_start, i))
            run_start = i
    return marked


def _rules(values: Sequence[float], seg: Segment) -> dict[int, dict[str, int]]:
    """Special-cause rules per point index (relative to the segment) with side +1/-1."""
    xs = list(values[seg.start:seg.end])
    found: dict[int, dict[str, int]] = {}

    def mark(i: int, rule: str, side: int) -> None:
        found.setdefault(i, {}).setdefault(rule, side)

    upl, lpl = seg.upper_process_limit, seg.lower_process_limit
    hi2, lo2 = seg.upper_two_sigma, seg.lower_two_sigma
    assert upl is not None and lpl is not None and hi2 is not None and lo2 is not None
    for i, x in enumerate(xs):
        if x > upl:
            mark(i, "outside", 1)
        elif x < lpl:
            mark(i, "outside", -1)
    near = [1 if x > hi2 else -1 if x < lo2 else 0 for x in xs]
    for i in range(len(xs) - 2):
        for side in (1, -1):
            window = [j for j in range(i, i + 3) if near[j] == side]
            if len(window) >= 2:
                for j in window:
                    mark(j, "two_of_three", side)
    sides = [1 if x > seg.mean else -1 if x < seg.mean else 0 for x in xs]
    for i in _runs(sides, RUN_LENGTH):
        mark(i, "shift", sides[i])
    steps = [0] + [1 if b > a else -1 if b < a else 0 for a, b in zip(xs, xs[1:], strict=False)]
    # a trend of N points has N-1 steps; the first point of the run is included
    for i in _runs(steps, RUN_LENGTH - 1):
        mark(i, "trend", steps[i])
        mark(i - 1, "trend", steps[i])
    return found


def _variation(side: int, improvement: Direction) -> str:
    if improvement == "neither":
        return NEITHER
    good = 1 if improvement == "up" else -1
    return IMPROVEMENT if side == good else CONCERN


def _assurance(seg: Segment, target: float | None, improvement: Direction) -> str | None:
    if target is None or not seg.has_limits or improvement == "neither":
        return None
    upl, lpl = seg.upper_process_limit, seg.lower_process_limit
    assert upl is not None and lpl is not None
    if lpl <= target <= upl:
        return HIT_AND_MISS
    above = lpl > target  # every expected value is above the target
    meets = above if improvement == "up" else not above
    return CONSISTENTLY_MEETS if meets else CONSISTENTLY_FAILS


def xmr(
    values: Sequence[float],
    improvement: Direction = "neither",
    target: float | None = None,
    recalculate_at: Sequence[int] = (),
    baseline: int | None = None,
    min_points: int = MIN_POINTS,
) -> SpcChart:
    """An XmR chart of ``values`` (in time order).

    ``recalculate_at``: indices (0-based) where new limits start, e.g. a process change.
    ``baseline``: compute each segment's mean and limits from its first ``baseline``
    points only (limits then extend over the rest of the segment).
    """
    if not values:
        return SpcChart((), (), improvement, target, None, None, ("no points",))
    xs = [float(v) for v in values]
    cuts = sorted({i for i in recalculate_at if 0 < i < len(xs)})
    bounds = list(zip([0, *cuts], [*cuts, len(xs)], strict=True))
    segments = tuple(_segment(xs, s, e, baseline, min_points) for s, e in bounds)
    points: list[SpcPoint] = []
    for seg in segments:
        found = _rules(xs, seg) if seg.has_limits else {}
        for offset in range(seg.end - seg.start):
            i = seg.start + offset
            mr = abs(xs[i] - xs[i - 1]) if offset > 0 else None
            rules = found.get(offset, {})
            names = tuple(r for r in RULE_ORDER if r in rules)
            if not seg.has_limits:
                variation = ""
            elif names:
                variation = _variation(rules[names[0]], improvement)
            else:
                variation = COMMON_CAUSE
            points.append(SpcPoint(i, xs[i], mr, names, variation))
    last = points[-1].variation
    icon = VARIATION_ICONS.get(last)
    notes = tuple(seg.note for seg in segments if seg.note)
    return SpcChart(
        tuple(points), segments, improvement, target, icon,
        _assurance(segments[-1], target, improvement), notes,
    )
