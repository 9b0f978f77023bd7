"""Filtering the audit log from the query string."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

from django.db.models import Q

from sendassure.core.models import AuditEvent


def _date(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


class AuditFilter:
    FIELDS = ("username", "action", "object_type", "from", "to")

    def __init__(self, params):
        self.values = {f: (params.get(f) or "").strip() for f in self.FIELDS}
        self.errors = {
            f: "Enter the date as year-month-day, for example 2024-03-27"
            for f in ("from", "to")
            if self.values[f] and _date(self.values[f]) is None
        }

    def queryset(self, user):
        """The events ``user`` (an administrator) may read: those of their areas, and
        those that concern no area's data."""
        scope = Q(areas="")
        for code in user.area_codes:
            scope |= Q(areas__contains=f",{code},")
        events = AuditEvent.objects.filter(scope)
        if self.values["username"]:
            events = events.filter(username__icontains=self.values["username"])
        if self.values["action"]:
            events = events.filter(action=self.values["action"])
        if self.values["object_type"]:
            events = events.filter(object_type=self.values["object_type"])
        if start := _date(self.values["from"]):
            events = events.filter(at__date__gte=start)
        if end := _date(self.values["to"]):
            events = events.filter(at__date__lte=end)
        return events

    def actions(self) -> list[str]:
        return sorted(set(AuditEvent.objects.values_list("action", flat=True)))

    def query_string(self) -> str:
        return urlencode({k: v for k, v in self.values.items() if v})
