"""The casework worklist: open assessments oldest first (child-level, audited)."""

from __future__ import annotations

import csv

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render

from sendassure.casework.queries import identities_of
from sendassure.casework.worklist import worklist_rows
from sendassure.core import audit
from sendassure.core.permissions import requires, shows_child_data
from sendassure.figures.inputs import case_frames
from sendassure.figures.service import figures_for
from sendassure.kpis.open_assessments import worklist

from ..presenters.params import as_of_param

COLUMNS = ("received_date", "age_weeks", "stage_label", "days_left_to_20_weeks", "over_20",
           "over_30", "over_52", "due_to_breach_4_weeks")


@requires("child_level")
@shows_child_data
def worklist_page(request):
    errors = []
    areas = request.user.area_codes
    currency = figures_for(areas).currency
    as_of, problem = as_of_param(request)
    if problem:
        errors.append(problem)
    # the default is the data's end, never today: ages are measured to the latest data
    as_of = as_of or currency.data_to
    rows = (worklist_rows(worklist(case_frames(areas).requests, as_of))
            if areas and as_of else [])
    if request.GET.get("format") == "csv":
        ids = identities_of(request.user, [r["person_id"] for r in rows])
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="worklist-{as_of}.csv"'
        writer = csv.writer(response)
        writer.writerow(["la", "request_id", "upn_or_uln", *COLUMNS])
        for r in rows:
            writer.writerow([r["la"], r["request_id"], ids.get(r["person_id"], ""),
                             *[r[c] for c in COLUMNS]])
        audit.record(request, "export", "Worklist", "", f"CSV: {len(rows)} open cases as at {as_of}")
        return response
    page = Paginator(rows, 100).get_page(request.GET.get("page"))
    ids = identities_of(request.user, [r["person_id"] for r in page])
    audit.record(request, "view", "Worklist", "",
                 f"{len(rows)} open cases as at {as_of}, page {page.number}")
    return render(request, "casework/worklist.html", {
        "title": "Open assessments worklist", "page": page, "as_of": as_of, "ids": ids,
        "errors": errors, "total": len(rows), "currency": currency.describe(),
        "counts": {
            "over_20": sum(r["over_20"] for r in rows), "over_52": sum(r["over_52"] for r in rows),
            "due": sum(r["due_to_breach_4_weeks"] for r in rows),
        },
    })
