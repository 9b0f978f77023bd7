"""Referral extracts and their quarantine (issue 12 item 3): the extracts loaded for the
user's areas with their counts, and each extract's findings by file, row, column, the
value's shape (never the value) and rule, also as CSV (formula-safe). For the health
role and analysts; an extract's findings are child-level, so viewing or exporting them
is audited and never cached (``shows_child_data``)."""

from __future__ import annotations

import csv

from django.http import HttpResponse
from django.shortcuts import render

from sendassure.core import audit
from sendassure.core.permissions import requires, shows_child_data
from sendassure.core.spreadsheets import spreadsheet_safe
from sendassure.health.referrals.quarantine import extract_for, extracts_for, findings_of

CSV_COLUMNS = ("file", "row", "column", "value_shape", "rule", "message")


@requires("health")
def referral_extracts(request):
    return render(request, "health/referrals.html", {
        "title": "Referral extracts", "errors": [], "extracts": extracts_for(request.user)})


def _findings_csv(extract, findings) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (f'attachment; filename="referral-quarantine-'
                                       f'{extract.pk}.csv"')
    writer = csv.writer(response)
    writer.writerow(CSV_COLUMNS)
    for f in findings:
        writer.writerow([spreadsheet_safe(v) for v in
                         (f.file_name, f.row, f.column, f.shape, f.code, f.reason)])
    return response


@requires("health")
@shows_child_data
def referral_extract(request, pk: int):
    extract = extract_for(request.user, pk)
    findings = findings_of(extract)
    if request.GET.get("format") == "csv":
        audit.record(request, "export", "ReferralExtract", extract.pk,
                     f"CSV of {len(findings)} findings of {extract.file_name}",
                     areas=[extract.la])
        return _findings_csv(extract, findings)
    audit.record(request, "view", "ReferralExtract", extract.pk,
                 f"quarantine of {extract.file_name}", areas=[extract.la])
    return render(request, "health/referral-extract.html", {
        "title": f"Referral extract {extract.file_name}", "errors": [], "extract": extract,
        "findings": findings})
