"""The outcomes page: published outcomes for children with SEND in the user's area,
beside its region, England and statistical neighbours (``?series=`` for one series' charts;
``&figure=<id>&format=csv`` downloads a chart's data). Published statistics: the same for
every role that may see aggregates."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import render

from sendassure.benchmarks.authorities import name_of
from sendassure.benchmarks.outcomes.queries import series_with_data
from sendassure.benchmarks.outcomes.series import SERIES
from sendassure.core.permissions import requires
from sendassure.core.roles import is_aggregate

from ..presenters.outcomes import figures, redress_rows, summary


@requires("aggregates")
def outcomes_page(request):
    mine = request.user.area_codes
    errors = []
    la = request.GET.get("area") or (mine[0] if mine else "")
    if la not in mine:
        errors.append("Choose one of your areas")
        la = mine[0] if mine else ""
    names = series_with_data(la) if la else []
    chosen = request.GET.get("series") or ""
    if chosen and chosen not in names:
        errors.append("Choose a series from the list")
        chosen = ""
    charts = figures(la, chosen) if chosen else []
    if request.GET.get("format") == "csv":
        wanted = next((f for f in charts if f.id == request.GET.get("figure")), None)
        if wanted is None:
            raise Http404("No such figure")
        response = HttpResponse(wanted.csv(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="outcomes-{la}-{wanted.id}.csv"'
        return response
    redress, currency = redress_rows(la, is_aggregate(request.user)) if la else ([], "")
    topics: dict[str, list[dict]] = {}
    for row in summary(la, names) if la else []:
        topics.setdefault(SERIES[row["series"]].topic, []).append(row)
    return render(request, "outcomes.html", {
        "title": "Outcomes and the national picture", "errors": errors, "la": la,
        "area_name": name_of(la) if la else "", "areas": mine, "names": names,
        "series": SERIES, "chosen": chosen, "charts": charts, "topics": topics,
        "redress": redress if la else [], "redress_currency": currency if la else "",
    })
