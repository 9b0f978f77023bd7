"""The API's endpoints. Every figure comes from the figures service; aggregate roles get
disclosure-controlled figures (a controlled value is the string "c")."""

from __future__ import annotations

from functools import wraps

from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from sendassure.core.permissions import PUBLIC, requires
from sendassure.core.roles import is_aggregate
from sendassure.figures.benchmarks import comparison
from sendassure.figures.registry import FAMILIES, MEASURES, family_of
from sendassure.figures.service import FigureError, figures_for
from sendassure.plan import queries

from . import params
from .schema import openapi


def json_api(permission: str):
    """An API view: declares its permission, answers every problem in JSON (400 for a bad
    parameter, 403 for an area the user may not see), and says how far the data goes."""

    def wrap(view):
        @wraps(view)
        def run(request, *args, **kwargs):
            try:
                body, currency = view(request, *args, **kwargs)
            except (params.BadRequest, FigureError) as error:
                return JsonResponse({"error": str(error)}, status=400)
            except PermissionError as error:
                return JsonResponse({"error": str(error)}, status=403)
            response = JsonResponse(body, safe=False)
            if currency is not None and currency.data_to:
                response["X-Data-To"] = currency.data_to.isoformat()
            return response

        checked = require_GET(run)  # read only: any other method is 405
        checked.json_api = True
        return requires(permission)(checked)

    return wrap


def _figures(request, area):
    return figures_for([area], params.day(request.GET, "as_of"),
                       controlled=is_aggregate(request.user))


@json_api("aggregates")
def measures(request):
    rows = []
    for name, m in MEASURES.items():
        family = FAMILIES[m.family]
        rows.append({
            "name": name, "label": m.label, "unit": m.unit, "polarity": m.polarity,
            "numerator": m.numerator, "denominator": m.denominator, "family": family.name,
            "stream": family.stream, "period_kind": family.period_kind,
            "breakdowns": list(family.breakdowns), "definition": m.definition,
        })
    return rows, None


@json_api("aggregates")
def figure(request):
    name = params.measure(request.GET)
    area = params.area(request.GET, request.user)
    period = params.period(request.GET)
    breakdown = params.breakdown(request.GET)
    figures = _figures(request, area)
    found = figures.figure(name, period, breakdown).as_json()
    if params.flag(request.GET, "withheld"):
        found["withheld"] = figures.withheld(family_of(name).name).as_json(figures.controlled)
    return found, figures.currency


@json_api("aggregates")
def series(request):
    name = params.measure(request.GET)
    area = params.area(request.GET, request.user)
    periods = params.series_periods(request.GET)
    breakdown = params.breakdown(request.GET)
    figures = _figures(request, area)
    points = [f.as_json() for f in figures.series(name, periods, breakdown)]
    return {"measure": name, "area": area, "as_of": figures.as_of.isoformat(),
            "points": points}, figures.currency


@json_api("aggregates")
def benchmarks(request):
    name = params.measure(request.GET)
    area = params.area(request.GET, request.user)
    rows = [{"year": r["year"], "group": r["group"], "value": r["value"]}
            for r in comparison(name, area)]
    return {"measure": name, "area": area, "values": rows}, None


@json_api("aggregates")
def plans(request):
    today = timezone.localdate()  # the next review is a real deadline: the calendar's
    found = []
    for plan in queries.plans_for(request.user):
        areas = []
        for area in queries.areas_with_ratings(plan):
            ratings = list(area.ratings.all())
            latest = ratings[-1] if ratings else None
            areas.append({"number": area.number, "title": area.title,
                          "rating": latest.rating if latest else None,
                          "rated_at_review": latest.review_date.isoformat() if latest else None})
        review = queries.next_review(plan, today)
        found.append({"id": plan.pk, "title": plan.title, "la": plan.la,
                      "next_review": review.isoformat() if review else None,
                      "open_evidence_requests": queries.open_requests(plan).count(),
                      "areas": areas})
    return found, None


@requires(PUBLIC)
@require_GET
def schema(request):
    return JsonResponse(openapi())


schema.json_api = True


@requires(PUBLIC)
@require_GET
def docs(request):
    return render(request, "api/docs.html", {"title": "The sendassure API",
                                             "schema": openapi()})
