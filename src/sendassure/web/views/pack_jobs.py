"""Review packs built in the background: the build form and the builds of a plan, a
build's progress page (which follows the build without a page reload) and its files.

A build is a ``PackJob`` run by a separate, low-priority process (``jobs.runner``), so
the request that asks for it answers at once and no page waits on it. Everything here
needs the permission the pack always needed, and reaches jobs only through the user's
plans (their areas)."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from sendassure.core import audit
from sendassure.core.permissions import requires
from sendassure.jobs.models import FORMATS, PackJob
from sendassure.kpis.periods import long_date
from sendassure.plan import queries

CONTENT_TYPES = {"pdf": "application/pdf", "html": "text/html; charset=utf-8",
                 "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def _start(job: PackJob) -> None:
    from sendassure.jobs.runner import start

    start(job)


def jobs_for(user, plan) -> list[PackJob]:
    return list(PackJob.objects.for_user(user).filter(plan=plan)
                .select_related("requested_by")[:10])


def _review(plan, text: str) -> date | None:
    dates = list(plan.reviews.values_list("date", flat=True))
    chosen = next((d for d in dates if d.isoformat() == text), None)
    return chosen or queries.default_review(plan, timezone.localdate())


@requires("aggregates")
def plan_pack(request, pk: int):
    """GET: the build form and this plan's recent builds. POST: queue a build (the
    review and formats asked for), start it in the background and go to its page."""
    plan = queries.plan_for(request.user, pk)
    source = request.POST if request.method == "POST" else request.GET
    review = _review(plan, source.get("review", ""))
    if review is None:
        messages.error(request, "Add a review date to the plan before building a pack.")
        return redirect("plan-overview", plan.pk)
    formats = [f for f in FORMATS if f in source.getlist("format")]
    errors = []
    if request.method == "POST":
        if not formats:
            errors.append("Choose at least one format")
        else:
            job = PackJob.objects.create(la=plan.la, plan=plan, review_date=review,
                                         formats=",".join(formats),
                                         requested_by=request.user)
            audit.record(request, "create", "PackJob", job.pk,
                         f"review pack for {review}: {job.formats}")
            # started once the row is committed, so the job's process can read it
            transaction.on_commit(lambda: _start(job))
            return redirect("pack-job", plan.pk, job.pk)
    return render(request, "plan/pack.html", {
        "title": "Build a review pack", "plan": plan, "review": review,
        "reviews": list(plan.reviews.order_by("date")), "formats": FORMATS,
        "chosen": formats or list(FORMATS), "errors": errors,
        "jobs": jobs_for(request.user, plan),
    }, status=400 if errors else 200)


@requires("aggregates")
def pack_job(request, pk: int, job: int):
    """A build's progress; once done, its files; if it failed, the error and a retry."""
    plan = queries.plan_for(request.user, pk)
    found = get_object_or_404(PackJob.objects.for_user(request.user).filter(plan=plan)
                              .select_related("requested_by"), pk=job)
    return render(request, "plan/pack-job.html", {
        "title": f"Review pack for {long_date(found.review_date)}", "plan": plan,
        "job": found, "formats": FORMATS,
        "files": [(fmt, FORMATS[fmt]) for fmt in found.format_list if found.path(fmt)],
    })


@requires("aggregates")
def pack_job_file(request, pk: int, job: int, fmt: str):
    """One built file of a finished build (audited as the synchronous pack was)."""
    from sendassure.reports.output import inline_style_hashes

    plan = queries.plan_for(request.user, pk)
    found = get_object_or_404(PackJob.objects.for_user(request.user).filter(plan=plan),
                              pk=job)
    path = found.path(fmt) if fmt in FORMATS else None
    if path is None:
        raise Http404("No such file")
    filename = found.filename(fmt)
    if fmt == "html":
        audit.record(request, "view", "ReviewPack", plan.pk, filename)
        page = path.read_text(encoding="utf-8")
        response = HttpResponse(page)
        # the pack is one self-contained file (it must read the same when saved): allow
        # its own inline stylesheet, by hash, and nothing else
        response._csp_update = {"style-src": [f"'sha256-{digest}'"
                                              for digest in inline_style_hashes(page)]}
        return response
    audit.record(request, "export", "ReviewPack", plan.pk, filename)
    return FileResponse(path.open("rb"), as_attachment=True, filename=filename,
                        content_type=CONTENT_TYPES[fmt])
