"""The progress-review pack: what the partnership takes to a DfE / NHS England review.

For each area of weakness: what we said, what we did, the difference it made (linked
measures with charts, baseline -> now vs target), the evidence, what we will do next,
the open evidence requests, a drafted positioning statement, and exception reports for
reds. It goes to the board, reviewers and the parent carer forum, so every figure is
disclosure-controlled (docs/measures.md) whoever builds it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

from sendassure.benchmarks.queries import Benchmarked
from sendassure.charts import Figure
from sendassure.charts.outcomes import text
from sendassure.charts.trend import trend_figure
from sendassure.core.jinja import counted
from sendassure.figures.benchmarks import latest_benchmark
from sendassure.figures.outcomes import latest_period
from sendassure.figures.registry import FAMILIES
from sendassure.figures.registry import measure as registered
from sendassure.figures.service import FigureSet
from sendassure.kpis.periods import long_date
from sendassure.plan import actuals, queries
from sendassure.plan.models import (
    AreaNarrative,
    AreaOfWeakness,
    MeasureLink,
    Plan,
    RagRating,
    Status,
)
from sendassure.plan.rag import facts_for_action, facts_for_area, review_figures, suggest

from .outcomes import PublishedOutcome, published_outcome

FINISHED_STATUSES = (Status.COMPLETED, Status.EMBEDDED)
RAG_WORDS = {"red": "Red", "amber": "Amber", "green": "Green",
             None: "Not rated at this review"}


@dataclass
class QuarterPoint:
    label: str
    value: str
    numerator: str
    denominator: str
    status: str


@dataclass
class MeasureSummary:
    label: str
    kpi: str
    breakdown: str
    direction: str
    baseline: str  # as typed into the plan
    baseline_period: str  # the period it is for ("" if not stated)
    baseline_records: str  # the records' figure for that period ("" if not stated)
    baseline_flag: str  # a sentence when the two differ
    now: str  # as shown (with its unit, or a symbol)
    now_value: object  # the number shown, or None (no value, or controlled away)
    now_period: str  # e.g. "12 months to Oct 2024"
    now_status: str  # final, partial or no_data
    target: str
    figure: Figure | None
    quarters: list[QuarterPoint]
    sentence: str
    unit: str = ""
    # a published outcome: its published periods beside region, England and neighbours
    outcome: PublishedOutcome | None = None
    # a statutory measure DfE publishes: its latest published year for this LA beside
    # region, England and statistical neighbours (median, range); else why there is none
    benchmark: Benchmarked | None = None
    benchmark_note: str = ""

    def published(self, value) -> str:
        """A published benchmark value as shown (thousands separated, with its unit)."""
        return "" if value is None else text(value) + registered(self.kpi).symbol


@dataclass
class Narrative:
    """The area's narrative as the pack prints it: the partnership's saved text (who
    last edited it, and when) or the draft from the figures."""

    text: str
    saved: bool
    by: str = ""
    edited: date | None = None

    @property
    def heading(self) -> str:
        return "Narrative" if self.saved else "Narrative: draft from the figures"

    @property
    def label(self) -> str:
        if not self.saved:
            return "Draft from the figures (not yet edited)"
        return ("Written by the partnership" + (f" ({self.by})" if self.by else "")
                + (f", last edited {long_date(self.edited)}" if self.edited else ""))


@dataclass
class AreaSection:
    area: AreaOfWeakness
    rating: str | None
    rationale: str
    suggested: str
    reasons: list[str]
    said: list[dict]
    did: list[dict]
    measures: list[MeasureSummary]
    evidence: list[dict]
    next_steps: list[dict]
    requests: list[dict]
    positioning: str
    exceptions: list[dict] = field(default_factory=list)
    coproduction: list[dict] = field(default_factory=list)  # "you said, we did"
    # the area's rating at each of the plan's reviews up to this one (its RAG history)
    trajectory: list[dict] = field(default_factory=list)
    # what the pack prints as the area's narrative (saved, else the draft: positioning)
    narrative: Narrative | None = None


@dataclass
class ReviewPack:
    plan: Plan
    review: date
    review_label: str
    built_on: date
    areas: list[AreaSection]
    currency: str = ""  # "Data to 16 Jan 2025, from ..., imported ..."
    as_of: date | None = None  # the figures are as known on this date
    # (family title, lines): records validation problems hold back from the pack's figures
    held: list[tuple[str, list[str]]] = field(default_factory=list)
    next_review: date | None = None  # the plan's review after this one, if set

    @property
    def has_published(self) -> bool:
        return any(m.outcome for a in self.areas for m in a.measures)

    @property
    def glance(self) -> list[dict]:
        return [{"number": a.area.number, "title": a.area.title,
                 "rating": RAG_WORDS[a.rating], "suggested": RAG_WORDS[a.suggested],
                 "open_requests": len(a.requests)} for a in self.areas]


def measure_summary(link: MeasureLink, figures: FigureSet, review: date) -> MeasureSummary:
    """A linked measure at a review, from ``figures`` (controlled for aggregate
    audiences): now for its stated period, its baseline beside the records' figure for
    the same period, the quarters (3-month increments) with counts, and its monthly SPC
    chart (complete months only). A published outcome (annual, other bodies' statistics)
    has its published periods beside region, England and neighbours instead."""
    m = registered(link.kpi)
    label = m.label + (f" ({link.breakdown})" if link.breakdown else "")
    known = figures.knowledge.known or review
    now = actuals.now(link, figures)
    computed = actuals.baseline(link, figures)
    counts = [(registered(n).label, n) for n in (m.numerator, m.denominator) if n]
    outcome = (published_outcome(link.kpi, figures.areas[0], known)
               if FAMILIES[m.family].published and len(figures.areas) == 1 else None)
    quarters, figure = [], None
    if outcome is None:
        for period in actuals.quarter_periods(link, known):
            f = figures.figure(link.kpi, period, link.breakdown or "")
            quarters.append(QuarterPoint(period.label, f.display, f.numerator_text,
                                         f.denominator_text, f.status))
        figure = trend_figure(
            figures, link.kpi, actuals.trend_periods(link, known), id=f"measure-{link.pk}",
            caption=f"Figure: {label}, by month, to {known:%B %Y}", y_title=label,
            target=float(link.target_value) if link.target_value is not None else None,
            counts=counts, breakdown=link.breakdown or "")
        if len(figure.rows) < 2:
            figure = None
    benchmark, benchmark_note = None, ""
    if outcome is None:
        if link.breakdown or len(figures.areas) != 1:
            benchmark_note = "No published comparator" + (
                " for this breakdown" if link.breakdown else " for several areas together")
        else:
            benchmark, published = latest_benchmark(link.kpi, figures.areas[0], known)
            if benchmark is None:
                benchmark_note = (f"No comparator published by {long_date(known)}"
                                  if published else "No published comparator")
    now_period = now.period.label
    baseline_period = computed.period.label if computed else ""
    if outcome is not None:
        figure = outcome.figure
        now_period = outcome.now_period or now_period
        if computed:
            baseline_period = latest_period(
                {r.period for r in outcome.rows}, computed.period.end) or baseline_period
    baseline = "" if link.baseline_value is None else f"{link.baseline_value}"
    target = "" if link.target_value is None else f"{link.target_value}"
    sentence = f"{label}: {now.display} for {now_period}"
    if now.partial:
        sentence += " (partial)"
    if baseline:
        sentence += f" (baseline {baseline}" + (
            f" for {baseline_period}" if computed else
            f" in {link.baseline_date:%B %Y}" if link.baseline_date else "") + ")"
    if target:
        sentence += f"; target {target}" + (
            f" by {link.target_date:%B %Y}" if link.target_date else "")
    sentence += "."
    if outcome is not None and outcome.direction:
        sentence += f" Direction of travel: {outcome.direction}."
    if benchmark is not None:
        b, symbol = benchmark, m.symbol
        beside = [f"{who} {text(v)}{symbol}" for who, v in (
            (b.region_name or "region", b.region), ("England", b.england),
            ("statistical neighbours' median", b.neighbours_median)) if v is not None]
        if beside:
            sentence += f" In {b.year} (DfE published): " + ", ".join(beside) + "."
    return MeasureSummary(
        label=label, kpi=link.kpi, breakdown=link.breakdown or "",
        direction=link.get_direction_display(),
        baseline=baseline, baseline_period=baseline_period,
        baseline_records=computed.display if computed else "",
        baseline_flag=actuals.baseline_check(link, computed), now=now.display,
        now_value=now.value, now_period=now_period, now_status=now.status,
        target=target, figure=figure, quarters=quarters, sentence=sentence,
        unit=m.unit, outcome=outcome, benchmark=benchmark, benchmark_note=benchmark_note)


def _rating_at(ratings: list[RagRating], review: date) -> RagRating | None:
    """The rating given at this review (the last one, if it was re-rated); None when the
    subject was not rated at it: an earlier review's rating is never carried forward."""
    found = [r for r in ratings if r.review_date == review]
    return found[-1] if found else None


def trajectory(ratings: list[RagRating], reviews, review: date) -> list[dict]:
    """The rating at each review of the plan, with who gave it, when and why; "Not
    rated at this review" where none was given; reviews after ``review`` are listed as
    later reviews, their ratings not shown (a pack tells what was known at its review)."""
    out = []
    for row in reviews:
        if row.date > review:
            out.append({"review": row.label or "Review", "date": row.date,
                        "rating": "Later review", "rationale": "", "by": "", "on": None})
            continue
        rating = _rating_at(ratings, row.date)
        out.append({"review": row.label or "Review", "date": row.date,
                    "rating": RAG_WORDS[rating.rating if rating else None],
                    "rationale": rating.rationale if rating else "",
                    "by": rating.set_by_name if rating else "",
                    "on": rating.set_at.date() if rating else None})
    return out


def forward_plan(actions, review: date, next_review: date | None) -> list[dict]:
    """What the area will do by the next review: milestones outstanding on the review
    date (already overdue ones first) due by the next review, and unfinished actions due
    by then; with no next review set, everything outstanding. Oldest due first."""
    by = next_review or date.max
    steps = [{"reference": a.reference, "title": m.title, "due": m.due_date,
              "overdue": m.due_date <= review}
             for a in actions for m in a.milestones.all()
             if (m.completed_date is None or m.completed_date > review) and m.due_date <= by]
    steps += [{"reference": a.reference, "title": f"Action complete: {a.description}",
               "due": a.due_date, "overdue": a.due_date <= review}
              for a in actions if a.due_date and a.status not in FINISHED_STATUSES
              and a.due_date <= by]
    return sorted(steps, key=lambda s: (not s["overdue"], s["due"], s["reference"]))


def positioning_statement(section: AreaSection, review_label: str) -> str:
    """A first draft of the area's positioning statement, from the same data."""
    actions = [a for a in section.did]
    done = sum(1 for a in actions if a["status"] in (Status.COMPLETED, Status.EMBEDDED))
    late = sum(1 for a in actions if a["status"] in (Status.DELAYED, Status.OFF_TRACK))
    parts = [
        f"At the {review_label}, area {section.area.number} ({section.area.title}) is "
        + (f"rated {RAG_WORDS[section.rating].lower()}" if section.rating else
           "not rated")
        + (f"; the rules suggest {RAG_WORDS[section.suggested].lower()}"
           if section.suggested != section.rating else "") + ".",
        f"{done} of {counted(len(actions), 'action')} "
        + ("is" if done == 1 else "are") + " completed or embedded"
        + (f" and {late} " + ("is" if late == 1 else "are") + " delayed or off track."
           if late else "."),
    ]
    parts += [m.sentence for m in section.measures]
    if section.requests:
        parts.append(f"{counted(len(section.requests), 'evidence request')} from the last "
                     "review letter " + ("is" if len(section.requests) == 1 else "are")
                     + " still open.")
    if section.evidence:
        parts.append(f"{counted(len(section.evidence), 'evidence file')} "
                     + ("supports" if len(section.evidence) == 1 else "support")
                     + " this area.")
    return " ".join(parts)


def area_queryset(plan: Plan):
    """The plan's areas with everything a section reads, fetched in a few queries."""
    return queries.areas_with_ratings(plan).prefetch_related(
        "actions__milestones", "actions__ratings", "actions__measures", "actions__evidence",
        "actions__exception_reports", "actions__coproduction", "measures", "evidence",
        "exception_reports",
    )


def narrative_of(saved: AreaNarrative | None, draft: str) -> Narrative:
    """What the pack prints as the area's narrative: the one the partnership saved for
    this review, else the draft from the figures, labelled as such."""
    if saved is None:
        return Narrative(text=draft, saved=False)
    return Narrative(text=saved.text, saved=True, by=saved.written_by_name,
                     edited=saved.edited_on)


def area_section(area: AreaOfWeakness, review: date, review_label: str, shown: FigureSet,
                 exact: FigureSet, reviews, next_review: date | None,
                 saved: AreaNarrative | None = None) -> AreaSection:
    """One area's section of the pack at ``review`` (``area`` from ``area_queryset``):
    figures from ``shown`` (controlled), the rules' suggestions from ``exact``; its
    narrative is ``saved`` (this area's at this review), else the draft."""
    ratings = list(area.ratings.all())
    rating = _rating_at(ratings, review)
    suggestion = suggest(facts_for_area(area, exact, review, shown), review)
    actions = list(area.actions.all())
    links = list(area.measures.all()) + [m for a in actions for m in a.measures.all()]
    evidence = {f.pk: f for f in area.evidence.all()}
    for action in actions:
        evidence.update({f.pk: f for f in action.evidence.all()})
    reds = [a for a in actions if (r := _rating_at(list(a.ratings.all()), review))
            and r.rating == "red"]
    exceptions = [
        {"subject": f"Action {x.action.reference}", "commentary": x.commentary,
         "recovery_action": x.recovery_action, "owner": x.owner,
         "review_date": x.review_date}
        for a in actions for x in a.exception_reports.all() if x.review_date <= review
    ] + [
        {"subject": f"Area {area.number}", "commentary": x.commentary,
         "recovery_action": x.recovery_action, "owner": x.owner,
         "review_date": x.review_date}
        for x in area.exception_reports.all() if x.review_date <= review
    ]
    for action in reds:
        if not any(e["subject"] == f"Action {action.reference}" for e in exceptions):
            exceptions.append({"subject": f"Action {action.reference}",
                               "commentary": "No exception report has been written yet.",
                               "recovery_action": "", "owner": action.action_lead,
                               "review_date": review})
    section = AreaSection(
        area=area, rating=rating.rating if rating else None,
        rationale=rating.rationale if rating else "", suggested=suggestion.rating,
        trajectory=trajectory(ratings, reviews, review),
        reasons=suggestion.reasons,
        said=[{"reference": a.reference, "outcome": a.outcome, "description": a.description,
               "due": a.due_date} for a in actions],
        did=[{"reference": a.reference, "status": a.status,
              "status_label": a.get_status_display(), "progress": a.progress,
              "suggested": suggest(facts_for_action(a, exact, review, shown),
                                   review).rating,
              "done": [m for m in a.milestones.all()
                       if m.completed_date and m.completed_date <= review]}
             for a in actions],
        measures=[measure_summary(link, shown, review) for link in links],
        evidence=[{"reference": f.reference or f"E{f.pk}", "title": f.title, "date": f.date}
                  for f in sorted(evidence.values(), key=lambda f: (f.reference, f.title))],
        next_steps=forward_plan(actions, review, next_review),
        requests=[{"text": r.text, "owner": r.owner, "status": r.get_status_display(),
                   "due": r.due_review}
                  for r in queries.open_requests(area.plan).filter(area=area)],
        positioning="",
        exceptions=exceptions,
        coproduction=[{"said_on": c.said_on, "where": c.where, "you_said": c.you_said,
                       "we_did": c.we_did, "action": a.reference}
                      for a in actions for c in a.coproduction.all()
                      if c.said_on <= review],
    )
    section.positioning = positioning_statement(section, review_label)
    section.narrative = narrative_of(saved, section.positioning)
    return section


def _review_context(reviews, review: date) -> tuple[date | None, str]:
    """The review after ``review`` (None if it is the last) and the review's label."""
    row = next((r for r in reviews if r.date == review), None)
    return (next((r.date for r in reviews if r.date > review), None),
            row.label if row and row.label else f"review of {review:%d %B %Y}")


def draft_narrative(area: AreaOfWeakness, review: date) -> str:
    """The area's narrative as drafted from the figures at ``review``: exactly the draft
    its pack prints when no narrative is saved (the same section, figures controlled)."""
    plan = area.plan
    reviews = list(plan.reviews.order_by("date"))
    next_review, review_label = _review_context(reviews, review)
    section = area_section(area_queryset(plan).get(pk=area.pk), review, review_label,
                           review_figures(plan, review, controlled=True),
                           review_figures(plan, review), reviews, next_review)
    return section.positioning


def build_pack(plan: Plan, review: date, built_on: date | None = None,
               progress=None) -> ReviewPack:
    """The pack for the review on ``review``: figures as known on that date (or on the
    data's end, if the data stops before it), disclosure-controlled throughout; the
    rules' suggestions are worked out on the exact figures. ``progress(done, total,
    label)``, if given, is called before each area (a background job shows it)."""
    shown = review_figures(plan, review, controlled=True)
    exact = review_figures(plan, review)
    reviews = list(plan.reviews.order_by("date"))
    next_review, review_label = _review_context(reviews, review)
    narratives = {n.area_id: n for n in AreaNarrative.objects.filter(
        area__plan=plan, review_date=review)}
    areas = []
    rows = list(area_queryset(plan))
    for done, area in enumerate(rows):
        if progress:
            progress(done, len(rows), f"Area {area.number}: {area.title}")
        areas.append(area_section(area, review, review_label, shown, exact, reviews,
                                  next_review, narratives.get(area.pk)))
    # the day the pack was built is a record of when something happened: the clock's
    held = shown.held_back(registered(m.kpi).family for s in areas for m in s.measures)
    return ReviewPack(plan, review, review_label, built_on or timezone.localdate(), areas,
                      currency=shown.currency.describe(), as_of=shown.as_of, held=held,
                      next_review=next_review)
