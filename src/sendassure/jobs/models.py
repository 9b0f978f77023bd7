"""A review pack built in the background: what was asked for, by whom, how far it has
got and where its files are."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db import models
from django.utils import timezone

from sendassure.core.scoping import AreaScoped

FORMATS = {"pdf": "PDF", "html": "Web page", "xlsx": "Spreadsheet"}
# a job not finished this long after it was asked for has lost its process
STALE_AFTER = timedelta(minutes=15)


class PackJob(AreaScoped):
    class State(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Building"
        DONE = "done", "Ready"
        FAILED = "failed", "Failed"

    plan = models.ForeignKey("plan.Plan", on_delete=models.CASCADE, related_name="+")
    review_date = models.DateField()
    formats = models.CharField(max_length=20, help_text="e.g. 'pdf,html,xlsx'")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    status = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    steps_done = models.PositiveIntegerField(default=0)
    steps_total = models.PositiveIntegerField(default=0)
    step_label = models.CharField(max_length=200, blank=True)
    error = models.TextField(blank=True)
    output_dir = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Pack job {self.pk} ({self.status})"

    @property
    def format_list(self) -> list[str]:
        return [f for f in self.formats.split(",") if f in FORMATS]

    @property
    def finished(self) -> bool:
        return self.status in (self.State.DONE, self.State.FAILED)

    @property
    def stale(self) -> bool:
        """Not finished long after it was asked for: its process has gone."""
        return not self.finished and timezone.now() - self.created_at > STALE_AFTER

    @property
    def percent(self) -> int:
        if self.status == self.State.DONE:
            return 100
        return int(100 * self.steps_done / self.steps_total) if self.steps_total else 0

    @property
    def asked_at(self) -> str:
        """When it was asked for, on the local clock: "15:32 on 3 December 2026"."""
        return _when(self.created_at)

    @property
    def took(self) -> str:
        """How long the build took ("" until it ends)."""
        if not (self.started_at and self.finished_at):
            return ""
        seconds = round((self.finished_at - self.started_at).total_seconds())
        return f"{seconds} second{'' if seconds == 1 else 's'}" if seconds < 120 else (
            f"{round(seconds / 60)} minutes")

    def filename(self, fmt: str) -> str:
        return f"review-pack-{self.la}-{self.review_date}.{fmt}"

    def path(self, fmt: str) -> Path | None:
        """The built file of a format, if the job finished and wrote it."""
        if self.status != self.State.DONE or not self.output_dir or fmt not in self.format_list:
            return None
        found = Path(self.output_dir) / self.filename(fmt)
        return found if found.is_file() else None


def _when(moment) -> str:
    from sendassure.kpis.periods import long_date

    local = timezone.localtime(moment)
    return f"{local:%H:%M} on {long_date(local.date())}"
