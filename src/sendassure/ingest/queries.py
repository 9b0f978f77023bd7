"""Named queries over imports and the quarantine, always scoped to the user's areas."""

from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from .models import ImportIssue, ImportRun, QuarantinedRecord


def import_runs_for(user) -> QuerySet[ImportRun]:
    return ImportRun.objects.for_user(user).order_by("-started_at", "-id")


def import_run_for(user, pk: int) -> ImportRun:
    return get_object_or_404(import_runs_for(user), pk=pk)


def issues_of(run: ImportRun, code: str | None = None) -> QuerySet[ImportIssue]:
    issues = run.issues.order_by("id")
    return issues.filter(code=code) if code else issues


def quarantine_for(user, code: str | None = None, run: int | None = None):
    records = QuarantinedRecord.objects.for_user(user).select_related("import_run")
    if code:
        records = records.filter(codes__contains=code)
    if run:
        records = records.filter(import_run_id=run)
    return records.order_by("-import_run__started_at", "id")


def quarantined_record_for(user, pk: int) -> QuarantinedRecord:
    return get_object_or_404(quarantine_for(user), pk=pk)
