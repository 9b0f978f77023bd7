"""Named queries over plans, always scoped to the user's areas."""

from __future__ import annotations

from datetime import date

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from .models import (
    Action,
    AreaOfWeakness,
    EvidenceRequest,
    ExceptionReport,
    Plan,
    RagRating,
    RequestStatus,
)


def plans_for(user) -> QuerySet[Plan]:
    return Plan.objects.for_user(user).order_by("-start_date", "id")


def plan_for(user, pk: int) -> Plan:
    return get_object_or_404(plans_for(user), pk=pk)


def area_for(user, pk: int) -> AreaOfWeakness:
    return get_object_or_404(
        AreaOfWeakness.objects.filter(plan__in=plans_for(user)).select_related("plan"), pk=pk
    )


def action_for(user, pk: int) -> Action:
    return get_object_or_404(
        Action.objects.filter(area__plan__in=plans_for(user)).select_related("area__plan"),
        pk=pk,
    )


def areas_with_ratings(plan: Plan) -> QuerySet[AreaOfWeakness]:
    return plan.areas.prefetch_related(
        Prefetch("ratings", queryset=RagRating.objects.order_by("review_date", "set_at", "id"))
    )


def latest_rating(ratings, review_date: date) -> RagRating | None:
    """The last rating given at a review date (the history keeps every earlier one)."""
    found = [r for r in ratings if r.review_date == review_date]
    return found[-1] if found else None


def next_review(plan: Plan, today: date) -> date | None:
    return plan.reviews.filter(date__gte=today).values_list("date", flat=True).first()


def default_review(plan: Plan, today: date) -> date | None:
    """The review a pack or rating is for when none is chosen: the next one (a real
    deadline, so from the calendar), else the latest one the plan has."""
    return next_review(plan, today) or plan.reviews.values_list("date", flat=True).last()


def open_requests(plan: Plan) -> QuerySet[EvidenceRequest]:
    return plan.evidence_requests.exclude(
        status__in=[RequestStatus.ANSWERED, RequestStatus.CLOSED]
    ).select_related("area").prefetch_related("files", "measures")


def exception_reports(plan: Plan) -> QuerySet[ExceptionReport]:
    return ExceptionReport.objects.filter(
        action__area__plan=plan
    ).select_related("action__area") | ExceptionReport.objects.filter(area__plan=plan)
