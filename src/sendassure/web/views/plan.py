"""The improvement plan screens: overview heat map, area pages, action editing, evidence
requests and exception reports."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone

from sendassure.core import audit
from sendassure.core.permissions import requires
from sendassure.plan import queries

from ..presenters.plan import action_form, area_page, exceptions_page, overview, requests_page


@requires("aggregates")
def plan_list(request):
    plans = list(queries.plans_for(request.user))
    return render(request, "plan/list.html", {"title": "Improvement plans", "plans": plans})


@requires("aggregates")
def plan_overview(request, pk: int):
    plan = queries.plan_for(request.user, pk)
    return render(request, "plan/overview.html", overview(plan, request.user))


@requires("aggregates")
def plan_area(request, pk: int):
    area = queries.area_for(request.user, pk)
    return render(request, "plan/area.html", area_page(area, request.user))


@requires("aggregates")
def plan_requests(request, pk: int):
    plan = queries.plan_for(request.user, pk)
    show = request.GET.get("show", "open")
    return render(request, "plan/requests.html",
                  requests_page(plan, show, timezone.localdate()))


@requires("aggregates")
def plan_exceptions(request, pk: int):
    plan = queries.plan_for(request.user, pk)
    return render(request, "plan/exceptions.html", exceptions_page(plan, request.user))


@requires("analyse")
def action_edit(request, pk: int):
    action = queries.action_for(request.user, pk)
    form = action_form(action, request.user, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form["valid"]:
        form["save"]()
        audit.record(request, "change", "Action", action.pk, f"{action.reference}: "
                     + ", ".join(form["changed"]))
        messages.success(request, f"Action {action.reference} updated.")
        return redirect("plan-area", action.area_id)
    return render(request, "plan/action-edit.html", form["context"],
                  status=400 if request.method == "POST" else 200)


@requires("aggregates")
def plan_pack(request, pk: int):
    """The progress-review pack (PDF, HTML or XLSX) for a review date."""
    from datetime import date

    from django.http import HttpResponse

    from sendassure.reports.output import render_html, write_pdf, write_xlsx
    from sendassure.reports.review_pack import build_pack

    plan = queries.plan_for(request.user, pk)
    try:
        review = date.fromisoformat(request.GET.get("review", ""))
    except ValueError:
        review = queries.next_review(plan, timezone.localdate()) or timezone.localdate()
    fmt = request.GET.get("format", "pdf")
    pack = build_pack(plan, review)
    name = f"review-pack-{plan.la}-{review}"
    if fmt == "html":
        return HttpResponse(render_html(pack))
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{name}.{'xlsx' if fmt == 'xlsx' else 'pdf'}"
        (write_xlsx if fmt == "xlsx" else write_pdf)(pack, path)
        data = path.read_bytes()
    response = HttpResponse(data, content_type=(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" if fmt == "xlsx"
        else "application/pdf"))
    response["Content-Disposition"] = f'attachment; filename="{path.name}"'
    audit.record(request, "export", "ReviewPack", plan.pk, f"{path.name}")
    return response
