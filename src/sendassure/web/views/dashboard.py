"""The dashboard pages (aggregate figures; disclosure-controlled for aggregate roles).
Each chart's data downloads as CSV from the same URL with ``?figure=<id>&format=csv``.

Every number comes from the figures service. A page's layout (charts rendered to SVG)
is kept in memory for the same view of the same data: its key holds the data's versions,
so a new import, establishments register or benchmark file shows at once.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from datetime import date

from django.http import Http404, HttpResponse
from django.shortcuts import render

from sendassure.benchmarks.authorities import name_of
from sendassure.charts import recalculations
from sendassure.core.models import Area
from sendassure.core.permissions import allows, requires
from sendassure.core.roles import is_aggregate
from sendassure.core.versions import current
from sendassure.figures.registry import FAMILIES
from sendassure.figures.service import figures_for
from sendassure.kpis.breakdowns import DIMENSION_LABELS

from ..presenters.dashboard import backlog, caseload, decisions, reviews, timeliness
from ..presenters.dashboard.common import View, breakdown_table
from ..presenters.dashboard.headlines import tiles
from ..presenters.params import as_of_param

PAGES = {
    "timeliness": ("Timeliness of new EHC plans", timeliness.build),
    "decisions": ("Decisions", decisions.build),
    "backlog": ("Backlog of open assessments", backlog.build),
    "reviews": ("Annual reviews and phase transfers", reviews.build),
    "caseload": ("Caseload and placements", caseload.build),
}
TILES = {"timeliness": timeliness.TILES, "decisions": decisions.TILES,
         "backlog": backlog.TILES, "reviews": reviews.TILES, "caseload": caseload.TILES}
# the families each page breaks down (every measure of each, group by group)
BREAKDOWNS = {
    "timeliness": ("timeliness",),
    "decisions": ("decisions", "not_to_issue", "redress"),
    "backlog": ("open_assessments",),
    "reviews": ("annual_reviews", "reviews_overdue", "phase_transfers"),
    "caseload": ("caseload",),
}
_PAGES: OrderedDict = OrderedDict()
_LOCK = threading.Lock()
FIRST_YEAR = 2015


def _view(request) -> tuple[View, list[str]]:
    mine = request.user.area_codes
    errors = []
    chosen = request.GET.get("area") or ""
    areas = [chosen] if chosen in mine else mine
    if chosen and chosen not in mine:
        errors.append("Choose one of your areas")
    aggregate = is_aggregate(request.user)
    as_of, problem = as_of_param(request)
    if problem:
        errors.append(problem)
    figures = figures_for(areas, as_of, controlled=aggregate)
    known = figures.knowledge.known or figures.as_of
    latest = known.year
    default = known.year if as_of or known == date(known.year, 12, 31) else known.year - 1
    year = default
    year_text = request.GET.get("year") or ""
    if year_text:
        try:
            year = int(year_text)
            if not FIRST_YEAR <= year <= latest:
                raise ValueError
        except ValueError:
            errors.append(f"Enter a year between {FIRST_YEAR} and {latest}")
            year = default
    breakdown = request.GET.get("breakdown") or ""
    if breakdown and breakdown not in DIMENSION_LABELS:
        errors.append("Choose a breakdown from the list")
        breakdown = ""
    names = area_names(areas)
    return View(areas=areas, aggregate=aggregate, year=year, figures=figures, names=names,
                breakdown=breakdown), errors


def area_names(codes: list[str]) -> dict[str, str]:
    """Each area's name: as stored, else the name DfE publishes for the LA code (an area
    is never shown as a bare code when its name is known)."""
    stored = dict(Area.objects.filter(code__in=codes).values_list("code", "name"))
    out = {}
    for code in codes:
        name = (stored.get(code) or "").strip()
        out[code] = name if name and name != code else (name_of(code) or code)
    return out


def _context(view: View, page: str) -> dict:
    key = (page, tuple(view.areas), view.aggregate, view.year, view.as_of, view.breakdown,
           view.figures.version, current(["benchmarks"]), recalculations.version())
    with _LOCK:
        if key in _PAGES:
            _PAGES.move_to_end(key)
            return _PAGES[key]
    context = PAGES[page][1](view) if view.areas and view.figures.currency.has_data else {
        "sections": [], "figures": []}
    if view.breakdown and view.areas and view.figures.currency.has_data:
        tables = [breakdown_table(view, FAMILIES[name]) for name in BREAKDOWNS[page]
                  if view.breakdown in FAMILIES[name].breakdowns]
        context = {**context, "tables": tables}
    with _LOCK:
        _PAGES[key] = context
        while len(_PAGES) > 64:
            _PAGES.popitem(last=False)
    return context


def _page(request, page: str):
    title, _ = PAGES[page]
    view, errors = _view(request)
    context = _context(view, page)
    currency = view.figures.currency
    data_to = currency.data_to
    wanted = request.GET.get("figure")
    if request.GET.get("format") == "csv":
        figure = next((f for f in context["figures"] if f.id == wanted), None)
        if figure is None:
            raise Http404("No such figure")
        response = HttpResponse(figure.csv(), content_type="text/csv; charset=utf-8")
        stamp = f"-data-to-{data_to}" if data_to else ""
        response["Content-Disposition"] = f'attachment; filename="{page}-{figure.id}{stamp}.csv"'
        if data_to:
            response["X-Data-To"] = data_to.isoformat()
        return response
    query = request.GET.copy()
    query.pop("format", None)
    query.pop("figure", None)
    return render(request, "dashboard/page.html", {
        "held": view.figures.held_back(BREAKDOWNS[page]),
        "records_link": allows("analyse", request.user),
        "title": title, "page": page, "pages": PAGES, "view": view, "errors": errors,
        "notes": view.figures.notes, "areas": request.user.area_codes,
        "area_names": view.names, "query": query.urlencode(), "currency": currency,
        "currency_text": currency.describe(), "dimensions": DIMENSION_LABELS,
        "tables": [], **context,
        "tiles": tiles(view, TILES[page]) if view.areas and currency.has_data else [],
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
