"""The start page's "what needs attention": for each of the user's plans, the next
review, its areas by their latest rating, overdue milestones and evidence requests; the
headline figures beside England and the plan's target with their direction of travel
(from the figures service, controlled for aggregate roles); for casework roles, the
worklist's deadlines; and what the latest import brought.

Review meetings and milestones are real deadlines, so they are judged by the calendar
(``today``); figures are dated by the data (the latest return's end), never today.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from sendassure.core.roles import is_aggregate
from sendassure.figures.benchmarks import comparison
from sendassure.figures.registry import measure as registered
from sendassure.figures.service import figures_for
from sendassure.kpis import periods as P
from sendassure.plan import queries
from sendassure.plan.models import Milestone, Plan, Rag, RagRating
from sendassure.plan.requests import is_overdue

# (measure, kind of period, DfE's published source for England, or "")
HEADLINES = (
    ("pc_plans_issued_within_20_weeks", P.ROLLING_12, "pc_plans_issued_within_20_weeks"),
    ("pc_decided_within_6_weeks", P.ROLLING_12, ""),
    ("open_over_52_weeks", P.POINT_IN_TIME, ""),
)


@dataclass
class PlanAttention:
    plan: Plan
    next_review: date | None
    next_review_label: str
    days_to_review: int | None
    areas_by_rating: list[tuple[str, str, int]]  # (label, tag colour, count)
    overdue_milestones: list[Milestone]
    requests_open: int
    requests_overdue: int
    requests_due_next: int


@dataclass
class Headline:
    label: str
    value: str
    period: str
    note: str
    england: str = ""
    target: str = ""
    change: str = ""
    better: bool | None = None
    extras: list[str] = field(default_factory=list)


def plan_attention(plan: Plan, today: date) -> PlanAttention:
    review = plan.reviews.filter(date__gte=today).order_by("date").first()
    latest: dict[int, str] = {}
    for rating in RagRating.objects.filter(area__plan=plan).order_by(
            "review_date", "set_at", "id"):
        latest[rating.area_id] = rating.rating
    counts = Counter(latest.get(area.pk, "") for area in plan.areas.all())
    colours = {Rag.RED: "red", Rag.AMBER: "orange", Rag.GREEN: "green"}
    by_rating = [(Rag(value).label, colours[value], counts[value])
                 for value in (Rag.RED, Rag.AMBER, Rag.GREEN) if counts[value]]
    if counts[""]:
        by_rating.append(("Not rated yet", "grey", counts[""]))
    overdue = list(Milestone.objects.filter(
        action__area__plan=plan, completed_date__isnull=True, due_date__lt=today
    ).select_related("action__area").order_by("due_date", "id"))
    requests = list(queries.open_requests(plan))
    return PlanAttention(
        plan=plan, next_review=review.date if review else None,
        next_review_label=(review.label or "Progress review") if review else "",
        days_to_review=(review.date - today).days if review else None,
        areas_by_rating=by_rating, overdue_milestones=overdue,
        requests_open=len(requests),
        requests_overdue=sum(is_overdue(r.status, r.due_review, today) for r in requests),
        requests_due_next=sum(1 for r in requests if review and r.due_review == review.date),
    )


def headlines(user, areas: list[str], plans: list[Plan]) -> tuple[list[Headline], str]:
    """The headline figures as this user may see them, and the data currency sentence."""
    if not areas:
        return [], ""
    figures = figures_for(areas, controlled=is_aggregate(user))
    if figures.currency.data_to is None:
        return [], figures.currency.describe()
    targets = {link.kpi: link for plan in plans
               for link in plan_links(plan) if link.target_value is not None}
    out = []
    for name, kind, published in HEADLINES:
        m = registered(name)
        period = (P.point(figures.as_of) if kind == P.POINT_IN_TIME
                  else P.latest_complete(kind, figures.as_of))
        now = figures.figure(name, period)
        before = _year_before(period)
        year_before = figures.figure(name, before)
        line = Headline(label=m.label, value=now.display, period=period.label, note=now.note)
        if now.shown and year_before.shown and now.value is not None \
                and year_before.value is not None:
            change = now.value - year_before.value
            unit = " points" if m.symbol == "%" else ""
            line.change = (f"no change on {before.label}" if change == 0 else
                           f"{'up' if change > 0 else 'down'} {abs(change):,}{unit} on "
                           f"{before.label}")
            line.better = (None if change == 0 or m.polarity == "neither"
                           else (change > 0) == (m.polarity == "up"))
        if published and len(areas) == 1:
            england = [r for r in comparison(published, areas[0])
                       if r["group"] == "England" and r["value"] is not None]
            if england:
                last = max(england, key=lambda r: r["year"])
                line.england = f"England {last['value']}{m.symbol} in {last['year']}"
        if name in targets:
            link = targets[name]
            line.target = f"target {link.target_value}{m.symbol}" + (
                f" by {P.long_date(link.target_date)}" if link.target_date else "")
        out.append(line)
    return out, figures.currency.describe()


def plan_links(plan: Plan):
    from sendassure.plan.models import MeasureLink

    return MeasureLink.objects.filter(area__plan=plan) | MeasureLink.objects.filter(
        action__area__plan=plan)


def casework_counts(user, areas: list[str]) -> dict | None:
    """For child-level roles: how many open cases need action on the data's end (counts
    only; the cases themselves are on the audited worklist)."""
    from sendassure.core.permissions import allows
    from sendassure.figures.inputs import case_frames
    from sendassure.kpis.open_assessments import worklist

    if not areas or not allows("child_level", user):
        return None
    as_of = figures_for(areas).currency.data_to
    if as_of is None:
        return None
    rows = worklist(case_frames(areas).requests, as_of)
    return {"as_of": as_of, "open": rows.height,
            "decision_overdue": int(rows["decision_overdue"].sum()),
            "over_20": int(rows["over_20"].sum()),
            "due_20": int(rows["due_to_breach_4_weeks"].sum())}


def latest_import(areas: list[str]):
    from sendassure.ingest.models import ImportRun

    return ImportRun.objects.filter(la__in=areas).exclude(status="rejected").order_by(
        "-started_at", "-id").first() if areas else None


def _year_before(period: P.Period) -> P.Period:
    """The period to compare with: the same kind a year earlier; for a stock, the month
    end twelve months before (a published date, so nothing can be had by differencing
    unpublished days)."""
    if period.kind == P.POINT_IN_TIME:
        return P.point(P.month_end(P.add_months(period.end.replace(day=1), -12)))
    return P.containing(period.kind, P.add_months(period.end.replace(day=1), -12))
