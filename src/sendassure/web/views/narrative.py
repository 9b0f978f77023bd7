"""The narrative of an area at a review: analysts write it (starting from the draft the
figures give) and the pack prints it as the partnership's own words."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone

from sendassure.core import audit
from sendassure.core.permissions import requires
from sendassure.kpis.periods import long_date
from sendassure.plan import queries
from sendassure.plan.models import AreaNarrative
from sendassure.plan.models.narrative import MAX_LENGTH


def _chosen(reviews: list[date], value: str | None) -> date | None:
    return next((r for r in reviews if r.isoformat() == (value or "")), None)


def save_narrative(area, review: date | None, reviews: list[date], text: str, user
                   ) -> tuple[AreaNarrative | None, bool, list[dict]]:
    """Save (or rewrite) the area's narrative at a review of its plan: (the narrative,
    whether it is new, errors in GOV.UK error-summary shape)."""
    errors = []
    if review not in reviews:
        errors.append({"text": "Choose one of the plan's review dates", "href": "#review_date"})
    text = text.replace("\r\n", "\n").strip()
    if not text:
        errors.append({"text": "Enter the narrative", "href": "#text"})
    elif len(text) > MAX_LENGTH:
        errors.append({"text": f"The narrative must be {MAX_LENGTH:,} characters or fewer",
                       "href": "#text"})
    if errors:
        return None, False, errors
    narrative, created = AreaNarrative.objects.update_or_create(
        area=area, review_date=review,
        defaults={"text": text, "written_by": user, "written_by_name": user.get_username()})
    return narrative, created, []


@requires("analyse")
def area_narrative(request, pk: int):
    """Write or edit an area's narrative for one of its plan's reviews (chosen by
    ``review_date``, else the next review). With none saved, the form starts from the
    draft the pack would print; every save is audited."""
    from sendassure.reports.review_pack import draft_narrative

    area = queries.area_for(request.user, pk)
    reviews = list(area.plan.reviews.values_list("date", flat=True))
    if not reviews:
        messages.error(request, "Add a review date to the plan before writing a narrative.")
        return redirect("plan-area", area.pk)
    posted = request.method == "POST"
    review = _chosen(reviews, (request.POST if posted else request.GET).get("review_date")) or (
        queries.default_review(area.plan, timezone.localdate()))
    errors = []
    if posted:
        review = _chosen(reviews, request.POST.get("review_date"))
        narrative, created, errors = save_narrative(area, review, reviews,
                                                    request.POST.get("text", ""), request.user)
        if narrative:
            audit.record(request, "add" if created else "change", "AreaNarrative",
                         narrative.pk, f"area {area.number} narrative at {review} "
                         f"({len(narrative.text):,} characters)", areas=[area.plan.la])
            messages.success(request, f"Narrative for area {area.number} at the review on "
                             f"{long_date(review)} saved.")
            return redirect("plan-area", area.pk)
        review = review or queries.default_review(area.plan, timezone.localdate())
    saved = AreaNarrative.objects.filter(area=area, review_date=review).first()
    text = (request.POST.get("text", "") if posted else
            saved.text if saved else draft_narrative(area, review))
    labels = dict(area.plan.reviews.values_list("date", "label"))
    return render(request, "plan/area-narrative.html", {
        "title": f"Narrative for area {area.number}", "area": area, "errors": errors,
        "problem": {e["href"][1:]: e["text"] for e in errors},
        "reviews": [{"value": r.isoformat(), "selected": r == review,
                     "text": (f"{labels[r]}: " if labels.get(r) else "") + long_date(r)}
                    for r in reviews],
        "review": review, "review_label": labels.get(review) or "", "saved": saved,
        "text": text, "max_length": MAX_LENGTH,
    }, status=400 if errors else 200)
