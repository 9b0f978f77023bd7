"""The co-production log of a plan ("you said, we did"): everyone who may see the plan
reads it; analysts add entries (audited)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render

from sendassure.core import audit
from sendassure.core.permissions import allows, requires
from sendassure.plan import queries
from sendassure.plan.models import Action, CoProduction, EvidenceFile

from ..presenters.params import date_input


def add_entry(plan, post) -> tuple[CoProduction | None, list[dict]]:
    errors = []
    said_on, problem = date_input(post, "said_on", "The date families said it")
    if said_on is None:
        errors.append({"text": problem or "Enter the date families said it",
                       "href": "#said_on-day"})
    where = (post.get("where") or "").strip()
    if not where:
        errors.append({"text": "Enter where it was said", "href": "#where"})
    you_said = (post.get("you_said") or "").strip()
    if not you_said:
        errors.append({"text": "Enter what families said", "href": "#you_said"})
    action = None
    if post.get("action"):
        action = Action.objects.filter(area__plan=plan, pk=post.get("action")).first()
        if action is None:
            errors.append({"text": "Choose one of the plan's actions", "href": "#action"})
    evidence = None
    if post.get("evidence"):
        evidence = EvidenceFile.objects.filter(la=plan.la, pk=post.get("evidence")).first()
        if evidence is None:
            errors.append({"text": "Choose one of the area's evidence files",
                           "href": "#evidence"})
    if errors:
        return None, errors
    return CoProduction.objects.create(
        plan=plan, said_on=said_on, where=where[:200], you_said=you_said[:4000],
        we_did=(post.get("we_did") or "").strip()[:4000], action=action, evidence=evidence,
        public=post.get("public") == "yes"), []


@requires("aggregates")
def coproduction_log(request, pk: int):
    plan = queries.plan_for(request.user, pk)
    can_add = allows("analyse", request.user)
    errors = []
    if request.method == "POST":
        if not can_add:
            raise PermissionDenied("Only analysts add to the log")
        entry, errors = add_entry(plan, request.POST)
        if entry:
            audit.record(request, "create", "CoProduction", entry.pk, entry.where,
                         areas=[plan.la])
            messages.success(request, "Added to the log.")
            return redirect("plan-coproduction", plan.pk)
    return render(request, "plan/coproduction.html", {
        "title": "You said, we did", "plan": plan, "errors": errors, "can_add": can_add,
        "entries": plan.coproduction.select_related("action", "evidence"),
        "actions": Action.objects.filter(area__plan=plan).order_by("area__number", "reference"),
        "files": EvidenceFile.objects.filter(la=plan.la).order_by("reference", "title"),
        "values": request.POST if request.method == "POST" else {},
    }, status=400 if errors else 200)
