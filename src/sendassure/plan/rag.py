"""The suggested RAG rating of an action or an area of weakness at a review date.

The rules (also in ``docs/rag-rules.md``). "On the review date" means: a milestone is
outstanding if it has no completed date, or was completed after the review date; it is
overdue by ``review date - due date`` days (due on the review date = not overdue). A
measure's actual is its "now" figure (``plan.actuals.now``) as known on the review date
(or on the data's end, if that is earlier), from the figures service; its "latest
milestone target" is the target of its latest milestone (or its final target) due on or
before the review date; "short" is ``target - actual`` for higher-is-better and
``actual - target`` for lower-is-better; the red margin is 10% of that target, and at
least 1.

Red when any of:
  R1 a milestone is overdue by more than 30 days;
  R2 a linked measure is worse than its baseline;
  R3 a linked measure shows special-cause concern at its latest point (XmR chart of its
     monthly series, complete months only, NHS Making Data Count rules,
     ``sendassure.kpis.spc``);
  R4 a linked measure is short of its latest milestone target by more than the margin;
  R5 the action's status is "off track".
Amber when none of those, and any of:
  A1 a milestone is overdue by 1 to 30 days;
  A2 a linked measure is short of its latest milestone target by no more than the margin;
  A3 a linked measure has no value (no data, or a zero denominator);
  A4 the action's status is "progressing but delayed", or "not started" after its start
     date.
Green otherwise. A completed or embedded action with no overdue milestone is green
whatever its measures say (their movement is judged at the area).
An area is rated by the same measure rules on its own measures, and is the worst of
that and of its actions' suggestions (each action's reasons are carried up, prefixed
with its reference).

A human rating may differ from the suggestion, but then needs a rationale
(``check_rating``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

RED, AMBER, GREEN = "red", "amber", "green"
RATINGS = (RED, AMBER, GREEN)
_ORDER = {GREEN: 0, AMBER: 1, RED: 2}

RED_DAYS = 30
RED_MARGIN = Decimal("0.10")
MIN_MARGIN = Decimal(1)
FINISHED = ("completed", "embedded")


@dataclass(frozen=True)
class Suggestion:
    rating: str
    reasons: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class MilestoneFact:
    title: str
    due_date: date
    completed_date: date | None = None


@dataclass(frozen=True)
class MeasureFact:
    name: str
    direction: str  # "up" (higher is better) or "down"
    actual: Decimal | int | None
    baseline: Decimal | int | None = None
    targets: tuple[tuple[date, Decimal | int], ...] = ()  # milestone targets and final target
    special_cause_concern: bool = False
    actual_text: str = ""  # the actual as the audience sees it (may be "c"); "" = as is

    @property
    def shown(self) -> str:
        return self.actual_text or f"{self.actual}"


@dataclass(frozen=True)
class RagFacts:
    subject: str  # e.g. "action 6.3" or "area 6"
    status: str | None = None
    start_date: date | None = None
    milestones: tuple[MilestoneFact, ...] = ()
    measures: tuple[MeasureFact, ...] = ()
    parts: tuple[tuple[str, Suggestion], ...] = ()  # an area's actions: (label, suggestion)


def worst(ratings: Sequence[str]) -> str:
    return max(ratings, key=_ORDER.__getitem__, default=GREEN)


def _worse(a: Decimal, b: Decimal, direction: str) -> bool:
    """Whether ``a`` is worse than ``b``."""
    return a < b if direction == "up" else a > b


def _milestone_findings(facts: RagFacts, review_date: date) -> list[tuple[str, str]]:
    found = []
    for m in facts.milestones:
        if m.completed_date is not None and m.completed_date <= review_date:
            continue
        overdue = (review_date - m.due_date).days
        if overdue > RED_DAYS:
            found.append((RED, f"milestone '{m.title}' due {m.due_date} is {overdue} days "
                               f"overdue (more than {RED_DAYS})"))
        elif overdue > 0:
            found.append((AMBER, f"milestone '{m.title}' due {m.due_date} is {overdue} days "
                                 "overdue"))
    return found


def current_target(measure: MeasureFact, review_date: date) -> tuple[date, Decimal] | None:
    due = [(d, Decimal(t)) for d, t in measure.targets if d <= review_date]
    return max(due, key=lambda pair: pair[0]) if due else None


def _measure_findings(measure: MeasureFact, review_date: date) -> list[tuple[str, str]]:
    name = measure.name
    if measure.actual is None:
        return [(AMBER, f"{name}: no value on {review_date}")]
    actual = Decimal(measure.actual)
    found = []
    if measure.baseline is not None and _worse(actual, Decimal(measure.baseline),
                                               measure.direction):
        found.append((RED, f"{name}: {measure.shown} is worse than its baseline "
                           f"{measure.baseline}"))
    if measure.special_cause_concern:
        found.append((RED, f"{name}: special-cause concern at the latest point"))
    target = current_target(measure, review_date)
    if target is not None:
        due, value = target
        short = value - actual if measure.direction == "up" else actual - value
        margin = max(abs(value) * RED_MARGIN, MIN_MARGIN)
        exact = not measure.actual_text or measure.actual_text.replace(",", "") == f"{actual}"
        gap = f"{short}" if exact else "some way"
        if short > margin:
            found.append((RED, f"{name}: {measure.shown} is {gap} short of the target {value} "
                               f"due {due} (more than {margin.normalize():f})"))
        elif short > 0:
            found.append((AMBER, f"{name}: {measure.shown} is {gap} short of the target "
                                 f"{value} due {due}"))
    return found


def _status_findings(facts: RagFacts, review_date: date) -> list[tuple[str, str]]:
    if facts.status == "off_track":
        return [(RED, "status is off track")]
    if facts.status == "delayed":
        return [(AMBER, "status is progressing but delayed")]
    if facts.status == "not_started" and facts.start_date and facts.start_date < review_date:
        return [(AMBER, f"not started, though due to start on {facts.start_date}")]
    return []


def suggest(facts: RagFacts, review_date: date) -> Suggestion:
    """The suggested rating and every reason for it (see the module docstring)."""
    milestones = _milestone_findings(facts, review_date)
    if facts.status in FINISHED and not milestones:
        label = "completed" if facts.status == "completed" else "embedded"
        return Suggestion(GREEN, [f"{label}, with no overdue milestone"])
    found = milestones + _status_findings(facts, review_date)
    for measure in facts.measures:
        found += _measure_findings(measure, review_date)
    for label, part in facts.parts:
        if part.rating != GREEN:
            found += [(part.rating, f"{label}: {reason}") for reason in part.reasons] or [
                (part.rating, f"{label} is {part.rating}")]
    if not found:
        return Suggestion(GREEN, ["no milestone overdue and every linked measure on track"])
    rating = worst([r for r, _ in found])
    ordered = [text for r, text in found if r == RED] + [t for r, t in found if r == AMBER]
    return Suggestion(rating, ordered)


def check_rating(rating: str, suggestion: Suggestion, rationale: str) -> list[str]:
    """Errors in a human rating: unknown, or different from the suggestion without a
    rationale."""
    if rating not in RATINGS:
        return [f"unknown rating {rating!r}; one of red, amber, green"]
    if rating != suggestion.rating and not (rationale or "").strip():
        return [f"rating {rating} differs from the suggested {suggestion.rating}: "
                "a rationale is required"]
    return []


# --- building the facts from the figures service ----------------------------------------


def measure_fact(link, figures, review_date: date, shown=None) -> MeasureFact:
    """A linked measure's facts at a review: its "now" figure and monthly trend from the
    exact figure set ``figures`` (known on the review date); ``shown``, the audience's
    own figure set, gives the text its reasons quote (a controlled figure stays ``c``)."""
    from sendassure.kpis.spc import CONCERN, xmr

    from . import actuals

    targets = [(m.due_date, m.target_value) for m in link.milestones.all()]
    if link.target_value is not None and link.target_date is not None:
        targets.append((link.target_date, link.target_value))
    trend = [f for f in (figures.figure(link.kpi, p, link.breakdown or "")
                         for p in actuals.trend_periods(link, review_date))
             if f.status == "final" and f.value is not None]
    chart = xmr([float(f.value) for f in trend], improvement=link.direction)
    concern = bool(chart.points) and chart.points[-1].variation == CONCERN
    now = actuals.now(link, figures)
    text = actuals.now(link, shown).text if shown is not None else ""
    name = link.kpi + (f" ({link.breakdown})" if link.breakdown else "")
    return MeasureFact(
        name=name, direction=link.direction, actual=now.value, baseline=link.baseline_value,
        targets=tuple(targets), special_cause_concern=concern, actual_text=text,
    )


def facts_for_action(action, figures, review_date: date, shown=None) -> RagFacts:
    """Facts of an action: status, milestones, and its linked measures from ``figures``
    (``figures_for([plan.la], review_date)``)."""
    return RagFacts(
        subject=f"action {action.reference}", status=action.status,
        start_date=action.start_date,
        milestones=tuple(MilestoneFact(m.title, m.due_date, m.completed_date)
                         for m in action.milestones.all()),
        measures=tuple(measure_fact(link, figures, review_date, shown)
                       for link in action.measures.all()),
    )


def facts_for_area(area, figures, review_date: date, shown=None) -> RagFacts:
    """Facts of an area: its own measures, and each action's suggestion."""
    parts = tuple(
        (f"action {a.reference}",
         suggest(facts_for_action(a, figures, review_date, shown), review_date))
        for a in area.actions.all()
    )
    return RagFacts(
        subject=f"area {area.number}",
        measures=tuple(measure_fact(link, figures, review_date, shown)
                       for link in area.measures.all()),
        parts=parts,
    )


def review_figures(plan, review_date: date, controlled: bool = False):
    """The figure set a review uses: the plan's area as known on the review date (or on
    the data's end, if the data stops before it)."""
    from sendassure.figures.service import figures_for

    return figures_for([plan.la], review_date, controlled=controlled,
                       review_dates=plan.reviews.values_list("date", flat=True))
