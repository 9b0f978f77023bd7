"""The start page, the public page and the static information pages."""

from django.shortcuts import render

from sendassure.core.permissions import PUBLIC, requires
from sendassure.core.roles import ROLE_DESCRIPTIONS, Role

from ..presenters.start import reachable_pages


@requires(PUBLIC)
def public(request):
    """Anonymous: the headline measures, "you said, we did" and the next review; the
    same for everyone, so it may be cached for five minutes."""
    from sendassure.core.models import Area

    from ..presenters.public import headlines, next_review, said_and_did

    areas = list(Area.objects.order_by("code"))
    chosen = next((a for a in areas if a.code == request.GET.get("area")), None) or (
        areas[0] if areas else None)
    figures, ends = headlines(chosen.code) if chosen else ([], None)
    response = render(request, "public.html", {
        "title": "Improving SEND services in this area", "area": chosen, "areas": areas,
        "figures": figures, "entries": said_and_did(chosen.code) if chosen else [],
        "review": next_review(chosen.code, ends) if chosen else None,
    })
    if not request.user.is_authenticated:
        response["Cache-Control"] = "public, max-age=300"
    return response


@requires("signed_in")
def start(request):
    """What needs attention for this user (see ``presenters.landing``), then the pages
    their role reaches."""
    from django.utils import timezone

    from ..presenters import landing

    user = request.user
    codes = user.area_codes
    plans = list(landing.queries.plans_for(user))
    today = timezone.localdate()  # review meetings and milestones are calendar deadlines
    headlines, currency = landing.headlines(user, codes, plans)
    return render(
        request,
        "start.html",
        {
            "title": "Home",
            "role_label": Role(user.role).label,
            "role_description": ROLE_DESCRIPTIONS[Role(user.role)],
            "areas": list(user.areas.all()),
            "pages": reachable_pages(request),
            "plans": [landing.plan_attention(plan, today) for plan in plans],
            "headlines": headlines, "currency": currency,
            "cases": landing.casework_counts(user, codes),
            "latest_import": landing.latest_import(codes),
        },
    )


@requires(PUBLIC)
def accessibility(request):
    return render(request, "accessibility.html", {"title": "Accessibility statement"})


@requires(PUBLIC)
def privacy(request):
    return render(request, "privacy.html", {"title": "Privacy notice"})
