"""The casework worklist: open assessments oldest first (child-level, audited)."""

from __future__ import annotations

import csv
from datetime import date

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from sendassure.casework.queries import identities_of
from sendassure.casework.worklist import worklist_rows
from sendassure.core import audit
from sendassure.core.permissions import requires, shows_child_data
from sendassure.kpis.open_assessments import worklist

from ..presenters.dashboard.common import frames_for

COLUMNS = ("received_date", "age_weeks", "stage_label", "days_left_to_20_weeks", "over_20",
           "over_30", "over_52", "due_to_breach_4_weeks")


@requires("child_level")
@shows_child_data
def worklist_page(request):
    errors = []
    text = request.GET.get("as_of") or ""
    try:
        as_of = date.fromisoformat(text) if text else timezone.localdate()
    except ValueError:
        errors.append("Enter the date as YYYY-MM-DD, for example 2024-12-31")
        as_of = timezone.localdate()
    areas = request.user.area_codes
    rows = worklist_rows(worklist(frames_for(areas).requests, as_of)) if areas else []
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
        "errors": errors, "total": len(rows),
        "counts": {
            "over_20": sum(r["over_20"] for r in rows), "over_52": sum(r["over_52"] for r in rows),
            "due": sum(r["due_to_breach_4_weeks"] for r in rows),
        },
    })
