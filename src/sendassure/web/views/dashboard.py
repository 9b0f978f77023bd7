"""The dashboard pages (aggregate figures; disclosure-controlled for aggregate roles).
Each chart's data downloads as CSV from the same URL with ``?figure=<id>&format=csv``.

Every number comes from the figures service. A page's figures (headline tiles, charts
rendered to SVG, tables, and their HTML) are kept in memory for the same view of the same
data: the key holds the data's versions and the plan's targets, so a new import,
establishments register, benchmark file or target shows at once.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from datetime import date

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from markupsafe import Markup

from sendassure.benchmarks.authorities import name_of
from sendassure.charts import recalculations
from sendassure.core.models import Area
from sendassure.core.permissions import allows, requires
from sendassure.core.roles import is_aggregate
from sendassure.core.versions import current
from sendassure.figures.memo import Memo
from sendassure.figures.registry import FAMILIES
from sendassure.figures.service import figures_for
from sendassure.kpis.breakdowns import DIMENSION_LABELS

from ..presenters.dashboard import backlog, caseload, decisions, reviews, timeliness
from ..presenters.dashboard.common import View, breakdown_table, targets_of
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
_FILTERS = Memo(256)  # the filters form's HTML by its choices
_LOCK = threading.Lock()
FIRST_YEAR = 2015


def _view(request, mine: list[str]) -> tuple[View, list[str]]:
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
                breakdown=breakdown, targets=targets_of(areas)), errors


def area_names(codes: list[str]) -> dict[str, str]:
    """Each area's name: as stored, else the name DfE publishes for the LA code (an area
    is never shown as a bare code when its name is known)."""
    stored = dict(Area.objects.filter(code__in=codes).values_list("code", "name"))
    out = {}
    for code in codes:
        name = (stored.get(code) or "").strip()
        out[code] = name if name and name != code else (name_of(code) or code)
    return out


def _context(view: View, page: str, query: str) -> dict:
    """The page's figures and their HTML (``body``), worked out once per key."""
    key = (page, tuple(view.areas), view.aggregate, view.year, view.as_of, view.breakdown,
           view.figures.version, current(["benchmarks"]), recalculations.version(),
           tuple(sorted(view.targets.items())), query)
    with _LOCK:
        if key in _PAGES:
            _PAGES.move_to_end(key)
            return _PAGES[key]
    has_data = bool(view.areas) and view.figures.currency.has_data
    context = PAGES[page][1](view) if has_data else {"sections": [], "figures": []}
    context = {"tables": [], **context, "tiles": tiles(view, TILES[page]) if has_data else []}
    if view.breakdown and has_data:
        context["tables"] = [breakdown_table(view, FAMILIES[name])
                             for name in BREAKDOWNS[page]
                             if view.breakdown in FAMILIES[name].breakdowns]
    context["body"] = Markup(render_to_string("dashboard/_figures.html",
                                              {**context, "query": query}))
    with _LOCK:
        _PAGES[key] = context
        while len(_PAGES) > 64:
            _PAGES.popitem(last=False)
    return context


def _filters(mine: list[str], view: View, as_of_text: str) -> Markup:
    """The filters form, rendered once for the same choices and shown values."""
    key = (tuple(mine), tuple(sorted(view.names.items())), tuple(view.areas), view.year,
           as_of_text, view.breakdown)
    return _FILTERS.get(key, lambda: Markup(render_to_string("dashboard/_filters.html", {
        "areas": mine, "area_names": view.names, "view": view, "as_of_text": as_of_text,
        "dimensions": DIMENSION_LABELS})))


def _page(request, page: str):
    title, _ = PAGES[page]
    mine = request.user.area_codes
    view, errors = _view(request, mine)
    query = request.GET.copy()
    query.pop("format", None)
    query.pop("figure", None)
    query = query.urlencode()
    context = _context(view, page, query)
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
    return render(request, "dashboard/page.html", {
        "held": view.figures.held_back(BREAKDOWNS[page]),
        "records_link": allows("analyse", request.user),
        "title": title, "page": page, "pages": PAGES, "view": view, "errors": errors,
        "notes": view.figures.notes, "query": query, "currency": currency,
        "currency_text": currency.describe(), **context,
        "filters": _filters(mine, view, request.GET.get("as_of", "")),
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
