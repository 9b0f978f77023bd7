"""The improvement plan screens: overview heat map, area pages, action editing, evidence
requests and exception reports."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from sendassure.core import audit
from sendassure.core.permissions import requires
from sendassure.plan import queries

from ..presenters.params import as_of_param
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
    as_of, error = as_of_param(request)
    context = area_page(area, request.user, as_of)
    if error:
        context["notes"] = [error, *context["notes"]]
    return render(request, "plan/area.html", context)


@requires("aggregates")
def plan_requests(request, pk: int):
    plan = queries.plan_for(request.user, pk)
    show = request.GET.get("show", "open")
    return render(request, "plan/requests.html",
                  requests_page(plan, show, timezone.localdate()))


@requires("aggregates")
def plan_exceptions(request, pk: int):
    plan = queries.plan_for(request.user, pk)
    context = exceptions_page(plan, request.user)
    if request.GET.get("format") == "csv":
        from django.http import Http404, HttpResponse

        wanted = (request.GET.get("report"), request.GET.get("figure"))
        figure = next((f for r in context["reports"] for f in r.trends
                       if (str(r.pk), f.id) == wanted), None)
        if figure is None:
            raise Http404("No such figure")
        response = HttpResponse(figure.csv(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{figure.id}.csv"'
        return response
    return render(request, "plan/exceptions.html", context)


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


@requires("analyse")
def action_rate(request, pk: int):
    """Rate an action at a review date (the rules' suggestion shown beside it)."""
    action = queries.action_for(request.user, pk)
    return _rate(request, action, plan=action.area.plan, kind="actions",
                 label=f"Action {action.reference}", summary=action.reference,
                 template="plan/action-rate.html", context={"action": action},
                 back=("plan-area", action.area_id), done=("plan-area", action.area_id))


@requires("analyse")
def area_rate(request, pk: int):
    """Rate an area of weakness at a review date: the rules' suggestion (its own measures
    and the worst of its actions) is shown beside it, with every reason."""
    area = queries.area_for(request.user, pk)
    return _rate(request, area, plan=area.plan, kind="areas", label=f"Area {area.number}",
                 summary=f"area {area.number}", template="plan/area-rate.html",
                 context={"area": area}, back=("plan-area", area.pk),
                 done=("plan-overview", area.plan_id))


def _rate(request, subject, *, plan, kind, label, summary, template, context, back, done):
    """The rating form of an action or an area: one of the plan's review dates (the
    chosen one, else the default), the rules' suggestion, a new audited rating."""
    from ..presenters.plan_forms import rate_action, review_choices, suggestion_for

    reviews = review_choices(subject)
    if not reviews:
        messages.error(request, f"Add a review date to the plan before rating its {kind}.")
        return redirect(*back)
    chosen = request.POST.get("review_date") or request.GET.get("review_date") or ""
    review = next((r for r in reviews if r.isoformat() == chosen), None) or (
        queries.default_review(plan, timezone.localdate()))
    errors = []
    if request.method == "POST":
        rating, errors = rate_action(subject, request.user, request.POST)
        if rating:
            audit.record(request, "change", "RagRating", rating.pk,
                         f"{summary} rated {rating.rating} at {rating.review_date}")
            messages.success(request, f"{label} rated {rating.rating}.")
            return redirect(*done)
    return render(request, template, {
        **context, "title": f"Rate {label[0].lower()}{label[1:]}", "reviews": reviews,
        "review": review, "suggestion": suggestion_for(subject, review), "errors": errors,
        "values": request.POST if request.method == "POST" else {},
    }, status=400 if errors else 200)


@requires("analyse")
def action_exception(request, pk: int):
    """Write (or rewrite) the exception report of a red action at a review."""
    from ..presenters.plan_forms import exception_reviews, write_exception_report

    action = queries.action_for(request.user, pk)
    reviews = exception_reviews(action)
    if not reviews:
        messages.error(request, "Add a review date to the plan before writing an exception "
                       "report.")
        return redirect("plan-area", action.area_id)
    chosen = request.POST.get("review_date") or request.GET.get("review_date") or ""
    review = next((r for r in reviews if r.isoformat() == chosen), None) or (
        queries.default_review(action.area.plan, timezone.localdate()))
    errors = []
    if request.method == "POST":
        report, errors = write_exception_report(action, request.POST)
        if report:
            audit.record(request, "change", "ExceptionReport", report.pk, action.reference)
            messages.success(request, f"Exception report for {action.reference} saved.")
            return redirect("plan-exceptions", action.area.plan_id)
    return render(request, "plan/action-exception.html", {
        "title": f"Exception report for action {action.reference}", "action": action,
        "reviews": reviews, "review": review, "errors": errors,
        "values": request.POST if request.method == "POST" else {},
    }, status=400 if errors else 200)


@requires("analyse")
def request_update(request, pk: int):
    """Update an evidence request: status, owner, response and the files that answer it."""
    from sendassure.plan.models import EvidenceFile, EvidenceRequest

    from ..presenters.plan_forms import update_request

    row = get_object_or_404(EvidenceRequest.objects.filter(
        plan__in=queries.plans_for(request.user)).select_related("plan", "area"), pk=pk)
    errors = []
    if request.method == "POST":
        errors = update_request(row, request.user, request.POST)
        if not errors:
            audit.record(request, "change", "EvidenceRequest", row.pk, row.status)
            messages.success(request, "Evidence request updated.")
            return redirect("plan-requests", row.plan_id)
    files = EvidenceFile.objects.for_user(request.user).filter(la=row.plan.la)
    linked = set(row.files.values_list("pk", flat=True))
    return render(request, "plan/request-edit.html", {
        "title": "Update an evidence request", "row": row, "errors": errors,
        "values": request.POST if errors else {},
        "files": [{"value": f.pk, "text": f"{f.reference + ': ' if f.reference else ''}{f.title}",
                   "checked": f.pk in linked} for f in files],
        "statuses": [{"value": v, "text": t, "checked": row.status == v}
                     for v, t in row._meta.get_field("status").choices],
    }, status=400 if errors else 200)
