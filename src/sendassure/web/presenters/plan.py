"""Shaping the plan for its screens (and the review pack)."""

from __future__ import annotations

from collections import Counter
from datetime import date

from django.utils import timezone

from sendassure.core.roles import is_aggregate
from sendassure.figures.service import figures_for
from sendassure.plan import actuals, queries
from sendassure.plan.models import Action, AreaOfWeakness, Plan, Rag, RagRating, Status
from sendassure.plan.requests import is_overdue

from .params import date_input

RAG_TAG = {"red": "govuk-tag--red", "amber": "govuk-tag--orange", "green": "govuk-tag--green"}


def rag_cell(rating: RagRating | None) -> dict:
    if rating is None:
        return {"text": "Not rated", "classes": "govuk-tag--grey", "rationale": ""}
    return {"text": rating.get_rating_display(), "classes": RAG_TAG[rating.rating],
            "rationale": rating.rationale, "by": rating.set_by_name}


def plan_figures(plan: Plan, user, as_of: date | None = None):
    """The plan's area as the user may see it, known on ``as_of`` (default: the data's
    end; aggregate audiences are held to published dates, review dates among them)."""
    return figures_for([plan.la], as_of, controlled=is_aggregate(user),
                       review_dates=plan.reviews.values_list("date", flat=True))


def measure_rows(links, figures) -> list[dict]:
    """Each linked measure: the baseline typed into the plan beside the records' figure
    for its period, "now" for its stated period, and the target; all from the figures
    service, disclosure-controlled for aggregate audiences."""
    rows = []
    for link in links:
        now = actuals.now(link, figures)
        computed = actuals.baseline(link, figures)
        rows.append({
            "link": link, "label": now.measure.label + (
                f" ({link.breakdown})" if link.breakdown else ""),
            "actual": now.value, "actual_text": now.display, "period": now.period.label,
            "status": now.status,
            "baseline": "" if link.baseline_value is None else f"{link.baseline_value}",
            "baseline_period": computed.period.label if computed else "",
            "baseline_records": computed.display if computed else "",
            "baseline_flag": actuals.baseline_check(link, computed),
            "target": "" if link.target_value is None else f"{link.target_value}",
            "direction": link.get_direction_display(),
        })
    return rows


def overview(plan: Plan, user) -> dict:
    reviews = list(plan.reviews.all())
    areas = list(queries.areas_with_ratings(plan).prefetch_related("actions"))
    rows = []
    for area in areas:
        ratings = list(area.ratings.all())
        statuses = Counter(a.status for a in area.actions.all())
        rows.append({
            "area": area,
            "cells": [rag_cell(queries.latest_rating(ratings, r.date)) for r in reviews],
            "statuses": ", ".join(f"{Status(s).label.lower()}: {n}" for s, n in sorted(statuses.items())),
        })
    today = timezone.localdate()  # the next review is a real deadline: the clock's
    return {
        "title": plan.title, "plan": plan, "reviews": reviews, "rows": rows,
        "next_review": queries.next_review(plan, today),
        "open_requests": queries.open_requests(plan).count(),
    }


def area_page(area: AreaOfWeakness, user, as_of: date | None = None) -> dict:
    plan = area.plan
    actions = list(area.actions.prefetch_related("milestones", "ratings", "measures",
                                                 "evidence"))
    today = timezone.localdate()  # overdue milestones are real deadlines: the clock's
    figures = plan_figures(plan, user, as_of)
    action_rows = []
    for action in actions:
        ratings = list(action.ratings.all())
        action_rows.append({
            "action": action, "rating": rag_cell(ratings[-1] if ratings else None),
            "overdue": [m for m in action.milestones.all()
                        if m.completed_date is None and m.due_date < today],
        })
    links = list(area.measures.all()) + [m for a in actions for m in a.measures.all()]
    evidence = {f.pk: f for f in area.evidence.all()}
    for action in actions:
        evidence.update({f.pk: f for f in action.evidence.all()})
    return {
        "title": f"Area {area.number}: {area.title}", "area": area, "plan": plan,
        "actions": action_rows, "measures": measure_rows(links, figures),
        "currency": figures.currency.describe(), "as_of": figures.as_of,
        "notes": figures.notes,
        "evidence": sorted(evidence.values(), key=lambda f: (f.reference, f.title)),
        "requests": list(queries.open_requests(plan).filter(area=area)),
        "ratings": [rag_cell(r) | {"review_date": r.review_date}
                    for r in area.ratings.order_by("review_date", "set_at")],
    }


def requests_page(plan: Plan, show: str, today: date) -> dict:
    requests = list(queries.open_requests(plan) if show == "open" else
                    plan.evidence_requests.select_related("area").prefetch_related("files"))
    for row in requests:
        row.overdue = is_overdue(row.status, row.due_review, today)
    return {
        "title": "Evidence requests", "plan": plan, "show": show, "requests": requests,
        "overdue": sum(row.overdue for row in requests),
        "next_review": queries.next_review(plan, today),
    }


def exceptions_page(plan: Plan, user) -> dict:
    """Stockport-style: each red's report with the trend of its measures (the action's own,
    else its area's), disclosure-controlled as the pack is."""
    from sendassure.reports.review_pack import measure_summary

    reds = RagRating.objects.filter(rating=Rag.RED).filter(
        action__area__plan=plan).select_related("action__area")
    reports = list(queries.exception_reports(plan))
    for report in reports:
        figures = plan_figures(plan, user, report.review_date)
        subject = report.action or report.area
        links = list(subject.measures.all())
        if not links and report.action is not None:
            links = list(report.action.area.measures.all())
        report.trends = [f for link in links
                         if (f := measure_summary(link, figures, report.review_date).figure)]
    missing = [r for r in reds
               if not any(x.action_id == r.action_id and x.review_date == r.review_date
                          for x in reports)]
    return {"title": "Exception reports", "plan": plan, "reports": reports,
            "missing": missing}


def action_form(action: Action, user, data) -> dict:
    """Edit status, progress, dates and leads of an action (analysts)."""
    fields = ("status", "progress", "due_date", "action_lead", "council_lead", "nhs_lead",
              "senior_responsible_officer")
    values = {f: getattr(action, f) for f in fields}
    errors: list[dict] = []
    changed: list[str] = []
    if data is not None:
        for f in fields:
            raw = (data.get(f) or "").strip()
            if f == "status":
                if raw not in Status.values:
                    errors.append({"text": "Choose a status", "href": "#status"})
                    continue
                new = raw
            elif f == "due_date":  # a GOV.UK date input; all three parts blank clears it
                new, problem = date_input(data, "due_date", "The due date")
                if problem:
                    errors.append({"text": problem, "href": "#due_date-day"})
                    continue
            else:
                new = raw
            if new != values[f]:
                changed.append(f)
            values[f] = new

    def save():
        for f in fields:
            setattr(action, f, values[f])
        action.save(update_fields=list(fields))

    return {
        "valid": data is not None and not errors, "save": save, "changed": changed,
        "context": {"title": f"Edit action {action.reference}", "action": action,
                    "values": values, "errors": errors, "posted": data or {},
                    "statuses": [{"value": s.value, "text": s.label,
                                  "checked": values["status"] == s.value} for s in Status]},
    }
