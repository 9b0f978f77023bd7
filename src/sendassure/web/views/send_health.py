"""The SEND x health page (/health/send/): for one of the user's areas, on the latest date
in its referral extracts, children with an EHC plan or open assessment waiting for
health services (by service and band), health advice for assessments within 6 weeks and
the wheelchair and autism standards, each table with its CSV (``?table=ID&format=csv``).

Every cell comes from the figures service. Casework roles, and the health role for an
area inside its ICBs (``health.access``), see the counts as computed; every other
audience sees them disclosure-controlled. The health role may also ask for any area
inside its ICBs (``?area=``), and is refused another. Aggregate counts only: no child is listed, so
reading the page is not audited as child-level."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render

from sendassure.core.permissions import requires
from sendassure.core.roles import Role, is_aggregate
from sendassure.figures.service import figures_for
from sendassure.health.access import visible_organisations
from sendassure.health.organisations import icbs_of

from ..presenters.send_health import tables
from .dashboard import area_names


def sees_counts(user, la: str) -> bool:
    """Whether ``user`` sees the area's SEND x health counts as computed: casework roles,
    and the health role for an area whose every ICB is one of its areas' ICBs."""
    if not is_aggregate(user):
        return True
    if getattr(user, "role", None) != Role.HEALTH:
        return False
    icbs = {code for code, _ in icbs_of(la)}
    return bool(icbs) and icbs <= (visible_organisations(user) or frozenset())


def _area(user, chosen: str) -> tuple[str, list[str]]:
    """The area asked for, else the user's first; an area not theirs is an error, except
    that the health role may ask for any area inside its ICBs (another is refused)."""
    mine = user.area_codes
    first = mine[0] if mine else ""
    if not chosen or chosen in mine:
        return chosen or first, []
    if getattr(user, "role", None) == Role.HEALTH:
        if sees_counts(user, chosen):
            return chosen, []
        raise PermissionDenied("Health data for your areas' ICBs only")
    return first, ["Choose one of your areas"]


@requires("aggregates")
def send_health_page(request):
    mine = request.user.area_codes
    la, errors = _area(request.user, request.GET.get("area") or "")
    controlled = not sees_counts(request.user, la) if la else True
    figures = figures_for([la], controlled=controlled, stream="send_health") if la else None
    has_data = figures is not None and figures.currency.has_data
    found = tables(figures) if has_data else []
    if request.GET.get("format") == "csv":
        wanted = next((t for t in found if t.id == request.GET.get("table")), None)
        if wanted is None:
            raise Http404("No such table")
        data_to = figures.currency.data_to
        response = HttpResponse(wanted.csv(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (f'attachment; filename="send-health-{la}-'
                                           f'{wanted.id}-data-to-{data_to}.csv"')
        response["X-Data-To"] = data_to.isoformat()
        return response
    return render(request, "health/send.html", {
        "title": "SEND and health: children waiting", "errors": errors, "la": la,
        "areas": mine, "area_names": area_names([*mine, la]), "has_data": has_data,
        "currency": figures.currency.describe() if figures else "", "controlled": controlled,
        "notes": figures.notes if figures else [], "tables": found,
    })
