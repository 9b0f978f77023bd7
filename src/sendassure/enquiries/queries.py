"""Named queries over enquiries."""

from __future__ import annotations

from django.db.models import Exists, OuterRef

from sendassure.kpis.enquiries import EnquiryRow

from .models import Enquiry, Escalation


def enquiry_rows(areas: list[str] | None = None) -> list[EnquiryRow]:
    found = Enquiry.objects.annotate(escalated=Exists(
        Escalation.objects.filter(enquiry=OuterRef("pk"))))
    if areas:
        found = found.filter(la__in=areas)
    return [EnquiryRow(e.reference, e.received_on, e.channel, e.category, e.urgent,
                       e.reply_by, e.replied_on, e.escalated) for e in found]
