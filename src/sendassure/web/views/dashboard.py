"""The dashboard pages (aggregate figures; disclosure-controlled for aggregate roles).
Each chart's data downloads as CSV from the same URL with ``?figure=<id>&format=csv``."""

from __future__ import annotations

from datetime import date

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from sendassure.core.permissions import requires

from ..presenters.dashboard import backlog, caseload, decisions, facts, reviews, timeliness
from ..presenters.dashboard.common import View, is_aggregate

PAGES = {
    "timeliness": ("Timeliness of new EHC plans", timeliness.build),
    "decisions": ("Decisions", decisions.build),
    "backlog": ("Backlog of open assessments", backlog.build),
    "reviews": ("Annual reviews and phase transfers", reviews.build),
    "caseload": ("Caseload and placements", caseload.build),
}


def _latest_year(areas: list[str]) -> int | None:
    """The calendar year the newest imported return covers (collection year minus one)."""
    from sendassure.ingest.models import ImportRun

    return facts.default_year(
        ImportRun.objects.filter(la__in=areas).values_list("collection_year", flat=True))


def _view(request) -> tuple[View, list[str]]:
    mine = request.user.area_codes
    errors = []
    chosen = request.GET.get("area") or ""
    areas = [chosen] if chosen in mine else mine
    if chosen and chosen not in mine:
        errors.append("Choose one of your areas")
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year") or _latest_year(areas) or today.year - 1)
        if not 2015 <= year <= today.year:
            raise ValueError
    except ValueError:
        errors.append(f"Enter a year between 2015 and {today.year}")
        year = today.year - 1
    as_of_text = request.GET.get("as_of") or ""
    try:
        as_of = date.fromisoformat(as_of_text) if as_of_text else min(today, date(year, 12, 31))
    except ValueError:
        errors.append("Enter the as-of date as YYYY-MM-DD, for example 2024-12-31")
        as_of = min(today, date(year, 12, 31))
    return View(areas=areas, aggregate=is_aggregate(request.user), year=year,
                as_of=as_of), errors


def _page(request, page: str):
    title, build = PAGES[page]
    view, errors = _view(request)
    if not view.areas:
        context = {"sections": [], "figures": []}
    else:
        context = facts.stored(view, page) or build(view)
    wanted = request.GET.get("figure")
    if request.GET.get("format") == "csv":
        figure = next((f for f in context["figures"] if f.id == wanted), None)
        if figure is None:
            raise Http404("No such figure")
        response = HttpResponse(figure.csv(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{page}-{figure.id}.csv"'
        return response
    query = request.GET.copy()
    query.pop("format", None)
    query.pop("figure", None)
    return render(request, "dashboard/page.html", {
        "title": title, "page": page, "pages": PAGES, "view": view, "errors": errors,
        "areas": request.user.area_codes, "query": query.urlencode(), **context,
    })


@requires("aggregates")
def dashboard_timeliness(request):
    return _page(request, "timeliness")


@requires("aggregates")
def dashboard_decisions(request):
    return _page(request, "decisions")


@requires("aggregates")
def dashboard_backlog(request):
    return _page(request, "backlog")


@requires("aggregates")
def dashboard_reviews(request):
    return _page(request, "reviews")


@requires("aggregates")
def dashboard_caseload(request):
    return _page(request, "caseload")
