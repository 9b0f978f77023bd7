"""Named queries over complaints."""

from __future__ import annotations

from sendassure.kpis.complaints import ComplaintRow

from .models import Complaint


def complaint_rows(areas: list[str] | None = None) -> list[ComplaintRow]:
    found = Complaint.objects.all()
    if areas:
        found = found.filter(la__in=areas)
    return [ComplaintRow(c.reference, c.stage, c.received_on, tuple(c.theme_codes),
                         c.responded_on, c.outcome) for c in found]
