"""Shaping the plan for its screens (and the review pack)."""

from __future__ import annotations

from collections import Counter
from datetime import date

from django.utils import timezone

from sendassure.casework.measures import SECTIONS, section_values
from sendassure.kpis.disclosure import RULES_BY_SECTION, disclose_result
from sendassure.plan import queries
from sendassure.plan.models import Action, AreaOfWeakness, Plan, Rag, RagRating, Status

from .dashboard.common import LABELS, frames_for, is_aggregate, text

RAG_TAG = {"red": "govuk-tag--red", "amber": "govuk-tag--orange", "green": "govuk-tag--green"}


def rag_cell(rating: RagRating | None) -> dict:
    if rating is None:
        return {"text": "Not rated", "classes": "govuk-tag--grey", "rationale": ""}
    return {"text": rating.get_rating_display(), "classes": RAG_TAG[rating.rating],
            "rationale": rating.rationale, "by": rating.set_by_name}


def measure_rows(links, plan: Plan, user, on: date | None = None) -> list[dict]:
    """Each linked measure: baseline -> now vs target, with the actual taken live from the
    KPI engine for the plan's area, disclosure-controlled for aggregate roles."""
    links = list(links)
    if not links:
        return []
    on = on or timezone.localdate()
    data = frames_for([plan.la])
    aggregate = is_aggregate(user)
    # only the sections the links name (a link to an unknown section shows "no value")
    sections = {name: section_values(data, name, on.year, on)
                for name in {link.section for link in links} if name in SECTIONS}
    shown_sections = {
        name: disclose_result(values, RULES_BY_SECTION[name]) if aggregate else
        {k: text(v) for k, v in values.items()}
        for name, values in sections.items()
    }
    rows = []
    for link in links:
        value = sections.get(link.section, {}).get(link.kpi)
        shown = shown_sections.get(link.section, {}).get(link.kpi, "no value")
        rows.append({
            "link": link, "label": LABELS.get(link.kpi, link.kpi), "actual": value,
            "actual_text": shown, "on": on,
            "baseline": "" if link.baseline_value is None else f"{link.baseline_value}",
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
    today = timezone.localdate()
    return {
        "title": plan.title, "plan": plan, "reviews": reviews, "rows": rows,
        "next_review": queries.next_review(plan, today),
        "open_requests": queries.open_requests(plan).count(),
    }


def area_page(area: AreaOfWeakness, user) -> dict:
    plan = area.plan
    actions = list(area.actions.prefetch_related("milestones", "ratings", "measures",
                                                 "evidence"))
    today = timezone.localdate()
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
        "actions": action_rows, "measures": measure_rows(links, plan, user),
        "evidence": sorted(evidence.values(), key=lambda f: (f.reference, f.title)),
        "requests": list(queries.open_requests(plan).filter(area=area)),
        "ratings": [rag_cell(r) | {"review_date": r.review_date}
                    for r in area.ratings.order_by("review_date", "set_at")],
    }


def requests_page(plan: Plan, show: str, today: date) -> dict:
    requests = (queries.open_requests(plan) if show == "open" else
                plan.evidence_requests.select_related("area").prefetch_related("files"))
    return {
        "title": "Evidence requests", "plan": plan, "show": show,
        "requests": list(requests), "next_review": queries.next_review(plan, today),
    }


def exceptions_page(plan: Plan, user) -> dict:
    """Stockport-style: each red's report with the trend of its measures (the action's own,
    else its area's), disclosure-controlled as the pack is."""
    from sendassure.reports.review_pack import measure_summary

    reds = RagRating.objects.filter(rating=Rag.RED).filter(
        action__area__plan=plan).select_related("action__area")
    reports = list(queries.exception_reports(plan))
    frames = frames_for([plan.la])
    for report in reports:
        subject = report.action or report.area
        links = list(subject.measures.all())
        if not links and report.action is not None:
            links = list(report.action.area.measures.all())
        report.trends = [f for link in links if (f := measure_summary(
            link, frames, report.review_date, aggregate=is_aggregate(user)).figure)]
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
            elif f == "due_date":
                try:
                    new = date.fromisoformat(raw) if raw else None
                except ValueError:
                    errors.append({"text": "Enter the due date as YYYY-MM-DD", "href": "#due_date"})
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
                    "values": values, "errors": errors,
                    "statuses": [{"value": s.value, "text": s.label,
                                  "checked": values["status"] == s.value} for s in Status]},
    }
