"""The progress-review pack: what the partnership takes to a DfE / NHS England review.

For each area of weakness: what we said, what we did, the difference it made (linked
measures with charts, baseline -> now vs target), the evidence, what we will do next,
the open evidence requests, a drafted positioning statement, and exception reports for
reds. It goes to the board, reviewers and the parent carer forum, so every figure is
disclosure-controlled (kpis.md section 6) whoever builds it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sendassure.casework.measures import CaseFrames, section_values
from sendassure.kpis.breakdowns import add_months, month_end
from sendassure.kpis.disclosure import RULES_BY_SECTION, disclose_result
from sendassure.kpis.spc import xmr
from sendassure.kpis.timeliness import timeliness_between
from sendassure.plan import queries
from sendassure.plan.actuals import POINT_IN_TIME
from sendassure.plan.models import AreaOfWeakness, MeasureLink, Plan, RagRating, Status
from sendassure.plan.rag import facts_for_action, facts_for_area, suggest
from sendassure.web.charts import Figure, spc_figure
from sendassure.web.presenters.dashboard.common import LABELS, frames_for

MONTHS = 24
RAG_WORDS = {"red": "Red", "amber": "Amber", "green": "Green", None: "Not rated"}


@dataclass
class MeasureSummary:
    label: str
    kpi: str
    direction: str
    baseline: str
    now: str
    target: str
    figure: Figure | None
    sentence: str


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


@dataclass
class ReviewPack:
    plan: Plan
    review: date
    review_label: str
    built_on: date
    areas: list[AreaSection]

    @property
    def glance(self) -> list[dict]:
        return [{"number": a.area.number, "title": a.area.title,
                 "rating": RAG_WORDS[a.rating], "suggested": RAG_WORDS[a.suggested],
                 "open_requests": len(a.requests)} for a in self.areas]


def _shown(section: str, values: dict, kpi: str, aggregate: bool = True) -> str:
    if not aggregate:
        value = values.get(kpi)
        return "z" if value is None else str(value)
    return disclose_result(values, RULES_BY_SECTION[section]).get(kpi, "x")


def _values(link: MeasureLink, frames: CaseFrames, start: date, end: date, known: date) -> dict:
    if link.section == "timeliness":
        return timeliness_between(frames.requests, start, end, known).as_dict()
    return section_values(frames, link.section, end.year, known)


def _number(text: str) -> float | None:
    try:
        return float(text.replace(",", ""))
    except ValueError:
        return None


def measure_summary(link: MeasureLink, frames: CaseFrames, review: date,
                    aggregate: bool = True) -> MeasureSummary:
    """A linked measure at a review: now, baseline, target and its monthly SPC chart;
    disclosure-controlled unless ``aggregate`` is false (child-level roles on screen)."""
    label = LABELS.get(link.kpi, link.kpi)
    now_values = section_values(frames, link.section, review.year, review)
    now = _shown(link.section, now_values, link.kpi, aggregate)
    labels, points, hidden = [], [], 0
    monthly = link.section in POINT_IN_TIME or (link.section == "timeliness"
                                                 and not link.breakdown)
    if monthly and not link.breakdown:
        month = add_months(review.replace(day=1), 1 - MONTHS)
        while month <= review:
            end = month_end(month)
            shown = _number(_shown(link.section, _values(
                link, frames, month, end, min(end, review)), link.kpi, aggregate))
            if shown is None:
                hidden += 1
            else:
                labels.append(month.strftime("%b %Y"))
                points.append(shown)
            month = add_months(month, 1)
    figure = None
    if len(points) >= 2:
        unit = "%" if link.kpi.startswith("pc_") or link.kpi.endswith("_pc") else ""
        figure = spc_figure(
            f"measure-{link.pk}", f"Figure: {label}, by month, to {review:%B %Y}", labels,
            xmr(points, improvement=link.direction,
                target=float(link.target_value) if link.target_value is not None else None),
            label, unit,
        )
        if hidden:
            figure.notes.append(f"{hidden} month(s) not shown: too few to publish safely.")
    baseline = "" if link.baseline_value is None else str(link.baseline_value)
    target = "" if link.target_value is None else str(link.target_value)
    sentence = f"{label}: {now} on {review:%d %B %Y}"
    if baseline:
        sentence += f" (baseline {baseline}" + (
            f" in {link.baseline_date:%B %Y}" if link.baseline_date else "") + ")"
    if target:
        sentence += f"; target {target}" + (
            f" by {link.target_date:%B %Y}" if link.target_date else "")
    return MeasureSummary(label, link.kpi, link.get_direction_display(), baseline, now, target,
                          figure, sentence + ".")


def _rating_at(ratings: list[RagRating], review: date) -> RagRating | None:
    found = [r for r in ratings if r.review_date <= review]
    return found[-1] if found else None


def positioning_statement(section: AreaSection, review_label: str) -> str:
    """A first draft of the area's positioning statement, from the same data."""
    actions = [a for a in section.did]
    done = sum(1 for a in actions if a["status"] in (Status.COMPLETED, Status.EMBEDDED))
    late = sum(1 for a in actions if a["status"] in (Status.DELAYED, Status.OFF_TRACK))
    parts = [
        f"At the {review_label}, area {section.area.number} ({section.area.title}) is rated "
        f"{RAG_WORDS[section.rating].lower()}"
        + (f"; the rules suggest {RAG_WORDS[section.suggested].lower()}"
           if section.suggested != section.rating else "") + ".",
        f"{done} of {len(actions)} actions are completed or embedded"
        + (f" and {late} are delayed or off track." if late else "."),
    ]
    parts += [m.sentence for m in section.measures]
    if section.requests:
        parts.append(f"{len(section.requests)} evidence request(s) from the last review "
                     "letter are still open.")
    if section.evidence:
        parts.append(f"{len(section.evidence)} evidence file(s) support this area.")
    return " ".join(parts)


def build_pack(plan: Plan, review: date, built_on: date | None = None) -> ReviewPack:
    frames = frames_for([plan.la])
    review_row = plan.reviews.filter(date=review).first()
    review_label = (review_row.label if review_row and review_row.label else
                    f"review of {review:%d %B %Y}")
    areas = []
    for area in queries.areas_with_ratings(plan).prefetch_related(
        "actions__milestones", "actions__ratings", "actions__measures", "actions__evidence",
        "actions__exception_reports", "measures", "evidence", "exception_reports",
    ):
        ratings = list(area.ratings.all())
        rating = _rating_at(ratings, review)
        suggestion = suggest(facts_for_area(area, frames, review), review)
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
            reasons=suggestion.reasons,
            said=[{"reference": a.reference, "outcome": a.outcome, "description": a.description,
                   "due": a.due_date} for a in actions],
            did=[{"reference": a.reference, "status": a.status,
                  "status_label": a.get_status_display(), "progress": a.progress,
                  "suggested": suggest(facts_for_action(a, frames, review), review).rating,
                  "done": [m for m in a.milestones.all()
                           if m.completed_date and m.completed_date <= review]}
                 for a in actions],
            measures=[measure_summary(link, frames, review) for link in links],
            evidence=[{"reference": f.reference or f"E{f.pk}", "title": f.title, "date": f.date}
                      for f in sorted(evidence.values(), key=lambda f: (f.reference, f.title))],
            next_steps=sorted(
                [{"reference": a.reference, "title": m.title, "due": m.due_date}
                 for a in actions for m in a.milestones.all()
                 if m.completed_date is None and m.due_date > review],
                key=lambda s: s["due"])[:8],
            requests=[{"text": r.text, "owner": r.owner, "status": r.get_status_display(),
                       "due": r.due_review}
                      for r in queries.open_requests(plan).filter(area=area)],
            positioning="",
            exceptions=exceptions,
        )
        section.positioning = positioning_statement(section, review_label)
        areas.append(section)
    return ReviewPack(plan, review, review_label, built_on or date.today(), areas)


