"""The autism assessment waits page: NHS Autism Statistics for an ICB (the user's area's
by default) month by month, ASD16c, ASD19 and ASD19c with their parts, England beside;
``&format=csv`` downloads the same figures. Published statistics, the same for every
signed-in role except the health role, which sees England and its areas' ICBs only
(``health.access``): another ICB asked for by URL is refused (403)."""

from __future__ import annotations

import csv
import io

from django.core.exceptions import PermissionDenied
from django.db.models import Max, Min
from django.http import HttpResponse
from django.shortcuts import render

from sendassure.autism.icbs import by_month, held_icbs, org_name
from sendassure.autism.metrics import DEFINITIONS
from sendassure.autism.models import AutismCell
from sendassure.core.permissions import requires
from sendassure.figures.registry import DataCurrency
from sendassure.health.access import visible_organisations
from sendassure.kpis.periods import month_end

from .health import _default_org

SHOWN = ("ASD16c", "ASD16a", "ASD18", "ASD19", "ASD18c", "ASD19c")


def _shown(figure) -> str:
    if figure is None or figure.value is None:
        return "suppressed" if figure is not None and figure.missing == "suppressed" else ""
    text = f"{figure.value:,}" if isinstance(figure.value, int) else str(figure.value)
    return text + (f" ({figure.left_out} left out)" if figure.left_out else "")


def _csv(org: str, found: dict, england: dict) -> HttpResponse:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["org", "org_name", "month", "metric", "value", "missing", "left_out",
                     "england_value", "england_left_out"])
    for month, figures in found.items():
        base = england.get(month, {})
        for metric in SHOWN:
            mine, theirs = figures[metric], base.get(metric)
            writer.writerow([org, org_name(org), f"{month:%Y-%m}", metric,
                             "" if mine.value is None else mine.value, mine.missing,
                             mine.left_out, "" if theirs is None or theirs.value is None
                             else theirs.value, "" if theirs is None else theirs.left_out])
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="autism-statistics-{org}.csv"'
    return response


@requires("aggregates")
def autism_page(request):
    allowed = visible_organisations(request.user)
    asked = request.GET.get("org")
    if asked and allowed is not None and asked not in allowed:
        raise PermissionDenied("Health data for your areas' ICBs only")
    icbs = [(code, org_name(code) or code) for code in held_icbs()
            if allowed is None or code in allowed]
    errors = []
    org = asked or _default_org(request.user)
    if org != "england" and org not in {code for code, _ in icbs}:
        if asked:
            errors.append("Choose an organisation from the list")
        org = "england"
    found, england = by_month(org), by_month("england")
    if found and request.GET.get("format") == "csv":
        return _csv(org, found, england)
    span = AutismCell.objects.aggregate(first=Min("month"), last=Max("month"),
                                        loaded=Max("release__loaded_at"))
    currency = DataCurrency(span["first"], month_end(span["last"]) if span["last"] else None,
                            "NHS England Autism Statistics", span["loaded"])
    rows = [{"month": month, "org": figures, "england": england.get(month, {})}
            for month, figures in found.items()]
    return render(request, "health/autism.html", {
        "title": "Waits for autism assessment", "errors": errors,
        "currency": currency.describe(), "has_data": currency.has_data, "icbs": icbs,
        "org": org, "org_name": org_name(org), "rows": rows, "shown": _shown,
        "metrics": SHOWN, "definitions": DEFINITIONS,
    })
