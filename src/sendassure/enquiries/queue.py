"""The triage queue: open enquiries (not closed), those nobody has picked up or that are
past their promised reply first, urgent before routine within each, then by the promised
reply date. "Overdue" is judged on a date the caller gives (the latest data held)."""

from __future__ import annotations

from datetime import date

from .models import Enquiry


def is_overdue(enquiry: Enquiry, on: date) -> bool:
    return enquiry.replied_on is None and enquiry.reply_by < on


def needs_attention(enquiry: Enquiry, on: date) -> bool:
    return not enquiry.assigned_to or is_overdue(enquiry, on)


def queue(la: str, on: date) -> list[Enquiry]:
    found = Enquiry.objects.filter(la=la, closed_on__isnull=True).prefetch_related(
        "escalations")
    return sorted(found, key=lambda e: (not needs_attention(e, on), not e.urgent,
                                        e.reply_by, e.received_on, e.reference))
