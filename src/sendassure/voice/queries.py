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


def complaint_remedies(areas: list[str]) -> list[tuple[ComplaintRow, list[str]]]:
    """Each complaint with its remedy codes."""
    return [(ComplaintRow(c.reference, c.stage, c.received_on, tuple(c.theme_codes),
                          c.responded_on, c.outcome), c.remedy_codes)
            for c in Complaint.objects.filter(la__in=areas)]


def waves(la: str) -> list[str]:
    """The survey waves held for an area, oldest first (by their last completion)."""
    from django.db.models import Max

    from .models import SurveyResponse

    found = SurveyResponse.objects.filter(la=la).values("wave").annotate(
        last=Max("completed_on")).order_by("last", "wave")
    return [w["wave"] for w in found]


def comment_tags(la: str, wave: str, group: str | None = None) -> tuple[list, int]:
    """(respondent key, tag labels) of every comment of a wave, and how many respondents
    commented."""
    from .models import SurveyComment

    comments = SurveyComment.objects.filter(response__la=la, response__wave=wave)
    if group:
        comments = comments.filter(response__group=group)
    pairs = [(c.response.respondent_key, [t.label for t in c.tags.all()])
             for c in comments.select_related("response").prefetch_related("tags")]
    return pairs, len({key for key, _ in pairs})
