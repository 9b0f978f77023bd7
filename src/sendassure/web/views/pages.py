"""The start page, the public page and the static information pages."""

from django.shortcuts import render

from sendassure.core.permissions import PUBLIC, requires
from sendassure.core.roles import ROLE_DESCRIPTIONS, Role

from ..presenters.start import reachable_pages


@requires(PUBLIC)
def public(request):
    return render(request, "public.html", {"title": "Improving SEND services in this area"})


@requires("signed_in")
def start(request):
    user = request.user
    return render(
        request,
        "start.html",
        {
            "title": "Home",
            "role_label": Role(user.role).label,
            "role_description": ROLE_DESCRIPTIONS[Role(user.role)],
            "areas": list(user.areas.all()),
            "pages": reachable_pages(request),
        },
    )


@requires(PUBLIC)
def accessibility(request):
    return render(request, "accessibility.html", {"title": "Accessibility statement"})


@requires(PUBLIC)
def privacy(request):
    return render(request, "privacy.html", {"title": "Privacy notice"})
