"""Analysts upload SEN2 returns, see the import history, and browse the quarantine."""

from __future__ import annotations

import csv
import re
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render

from sendassure.core import audit
from sendassure.core.permissions import requires, shows_child_data
from sendassure.core.spreadsheets import spreadsheet_safe
from sendassure.ingest import queries
from sendassure.ingest.importer import import_sen2

ALLOWED_SUFFIXES = {".xml", ".csv"}


def _safe_name(name: str) -> str:
    name = Path(name).name
    return re.sub(r"[^A-Za-z0-9._-]", "_", name)[:100] or "upload"


@requires("analyse")
def import_list(request):
    runs = Paginator(queries.import_runs_for(request.user), 25).get_page(request.GET.get("page"))
    return render(request, "imports/list.html", {"title": "SEN2 imports", "runs": runs,
                                                 "errors": [], "errors_list": []})


@requires("analyse")
def import_upload(request):
    if request.method != "POST":
        return import_list(request)
    files = request.FILES.getlist("returns")
    errors = []
    if not files:
        errors.append("Select a SEN2 XML file, or the module CSV files of one return")
    limit = settings.SENDASSURE_MAX_UPLOAD_MB * 1024 * 1024
    for upload in files:
        if Path(upload.name).suffix.lower() not in ALLOWED_SUFFIXES:
            errors.append(f"{upload.name} must be an XML or CSV file")
        elif upload.size > limit:
            errors.append(f"{upload.name} must be smaller than {settings.SENDASSURE_MAX_UPLOAD_MB} MB")
    if errors:
        runs = Paginator(queries.import_runs_for(request.user), 25).get_page(1)
        return render(request, "imports/list.html",
                      {"title": "SEN2 imports", "runs": runs, "errors": errors,
                       "errors_list": [{"text": e, "href": "#returns"} for e in errors]},
                      status=400)
    with tempfile.TemporaryDirectory(prefix="sendassure-upload-") as folder:
        paths = []
        for upload in files:
            path = Path(folder) / _safe_name(upload.name)
            with open(path, "wb") as handle:
                for chunk in upload.chunks():
                    handle.write(chunk)
            paths.append(path)
        report = import_sen2(paths, user=request.user, strict=request.POST.get("strict") == "1",
                             areas=request.user.area_codes)
    audit.record(request, "import", "SEN2 return", report.file_hash or "",
                 f"{report.file}: {report.status}",
                 areas=[report.la] if report.la in request.user.area_codes else None)
    return render(request, "imports/result.html",
                  {"title": f"Import {report.status}", "report": report,
                   "by_rule": report.by_rule(), "issues": report.issues[:200]})


@requires("analyse")
@shows_child_data
def import_detail(request, pk: int):
    run = queries.import_run_for(request.user, pk)
    code = request.GET.get("code") or None
    issues = Paginator(queries.issues_of(run, code), 100).get_page(request.GET.get("page"))
    audit.record(request, "view", "ImportRun", run.pk, f"issues of {run.file_name}",
                 areas=[run.la])
    return render(request, "imports/detail.html",
                  {"title": f"Import of {run.file_name}", "run": run, "issues": issues,
                   "code": code or ""})


@requires("analyse")
@shows_child_data
def quarantine_list(request):
    code = (request.GET.get("code") or "").strip()
    records = Paginator(queries.quarantine_for(request.user, code or None), 50).get_page(
        request.GET.get("page"))
    audit.record(request, "view", "Quarantine", "", f"list{' for ' + code if code else ''}")
    return render(request, "imports/quarantine.html",
                  {"title": "Quarantine", "records": records, "code": code})


@requires("analyse")
@shows_child_data
def quarantine_detail(request, pk: int):
    record = queries.quarantined_record_for(request.user, pk)
    audit.record(request, "view", "QuarantinedRecord", record.pk, record.location,
                 areas=[record.la])
    return render(request, "imports/quarantine-record.html",
                  {"title": "Quarantined record", "record": record,
                   "issues": record.issues.order_by("id")})


@requires("analyse")
@shows_child_data
def quarantine_export(request):
    code = (request.GET.get("code") or "").strip() or None
    records = queries.quarantine_for(request.user, code)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="quarantine.csv"'
    writer = csv.writer(response)
    writer.writerow(["import", "file", "la", "scope", "location", "code", "severity", "field",
                     "value", "message"])
    inert = spreadsheet_safe
    count = 0
    for record in records:
        for issue in record.issues.order_by("id"):
            writer.writerow([record.import_run_id, inert(record.import_run.file_name),
                             record.la, record.scope, inert(record.location), issue.code,
                             issue.severity, inert(issue.field), inert(issue.value or ""),
                             inert(issue.message)])
        count += 1
    audit.record(request, "export", "Quarantine", "", f"CSV of {count} records"
                 + (f" for {code}" if code else ""))
    return response
