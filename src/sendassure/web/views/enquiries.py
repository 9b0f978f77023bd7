"""The enquiries hub (under /enquiries/).

- ``/enquiries/``: the triage queue of open enquiries (child-level roles, audited):
  unassigned or overdue first, urgent flagged; overdue is judged on the latest data held.
- ``/enquiries/new/``: record an enquiry (child-level roles); the form shows no records.
- ``/enquiries/<pk>/``: one enquiry (audited): assign it, record the reply, updates and
  closure, escalate it.
- ``/enquiries/measures/``: the response measures by quarter from the figures service
  (every signed-in role; controlled for aggregate roles); child-level roles also see
  them by urgency, channel and category.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from sendassure.core import audit
from sendassure.core.permissions import requires, shows_child_data
from sendassure.core.roles import is_aggregate
from sendassure.enquiries import recording
from sendassure.enquiries.models import Enquiry
from sendassure.enquiries.queue import is_overdue, queue
from sendassure.enquiries.vocabulary import vocabulary
from sendassure.figures.service import figures_for

from ..presenters import enquiries as present


def _la(request) -> str:
    mine = request.user.area_codes
    chosen = request.GET.get("area") or request.POST.get("area") or ""
    return chosen if chosen in mine else (mine[0] if mine else "")


def _errors(problems) -> list[dict]:
    return [{"text": text, "href": f"#{field}"} for field, text in problems]


def _data_to(la: str):
    return figures_for([la], stream="enquiries").currency.data_to if la else None


@requires("child_level")
@shows_child_data
def enquiry_queue(request):
    la = _la(request)
    on = _data_to(la)
    found = queue(la, on) if on else []
    audit.record(request, "view", "Enquiry", "", f"enquiries queue ({len(found)} open)",
                 areas=[la])
    words = vocabulary()
    return render(request, "enquiries/queue.html", {
        "title": "Enquiries: triage queue", "la": la, "on": on, "enquiries": found,
        "overdue": {e.pk for e in found if is_overdue(e, on)},
        "channels": words.channels, "categories": words.categories,
    })


@requires("child_level")
def enquiry_new(request):
    la = _la(request)
    words = vocabulary()
    errors = []
    if request.method == "POST":
        enquiry, problems = recording.record(la, request.POST)
        errors = _errors(problems)
        if enquiry is not None:
            audit.record(request, "change", "Enquiry", enquiry.pk,
                         f"enquiry {enquiry.reference} recorded", areas=[la])
            messages.success(request, f"Enquiry {enquiry.reference} recorded.")
            return redirect("enquiry", enquiry.pk)
    return render(request, "enquiries/new.html", {
        "title": "Record an enquiry", "la": la, "errors": errors,
        "values": request.POST if request.method == "POST" else {},
        "channels": words.channels, "categories": words.categories,
        "urgent": [words.categories[c] for c in words.categories if c in words.urgent],
    }, status=400 if errors else 200)


@requires("child_level")
@shows_child_data
def enquiry_detail(request, pk: int):
    enquiry = get_object_or_404(Enquiry.objects.for_user(request.user), pk=pk)
    errors = []
    if request.method == "POST":
        if "escalated_to" in request.POST:
            errors = _errors(recording.escalate(enquiry, request.POST,
                                                request.user.username))
            done = "Escalation recorded."
        else:
            errors = _errors(recording.update(enquiry, request.POST))
            done = "Enquiry updated."
        if not errors:
            audit.record(request, "change", "Enquiry", enquiry.pk,
                         f"enquiry {enquiry.reference}: {done.lower()}", areas=[enquiry.la])
            messages.success(request, done)
            return redirect("enquiry", enquiry.pk)
        enquiry.refresh_from_db()
    else:
        audit.record(request, "view", "Enquiry", enquiry.pk, f"enquiry {enquiry.reference}",
                     areas=[enquiry.la])
    words = vocabulary()
    case = enquiry.person.requests.order_by("-received_date", "-pk").first() \
        if enquiry.person_id else None
    return render(request, "enquiries/enquiry.html", {
        "title": f"Enquiry {enquiry.reference}", "enquiry": enquiry, "la": enquiry.la,
        "channel": words.channels.get(enquiry.channel, enquiry.channel),
        "category": words.categories.get(enquiry.category, enquiry.category),
        "case": case, "overdue": is_overdue(enquiry, _data_to(enquiry.la) or
                                            enquiry.received_on),
        "escalations": enquiry.escalations.all(), "errors": errors,
        "values": request.POST if request.method == "POST" else {},
    }, status=400 if errors else 200)


@requires("aggregates")
def enquiry_measures(request):
    la = _la(request)
    controlled = is_aggregate(request.user)
    context = present.measures_page(la, controlled) if la else {"has_data": False}
    if request.GET.get("format") == "csv":
        wanted = next((t for t in context.get("tables", [])
                       if t.id == request.GET.get("table")), None)
        if wanted is None:
            raise Http404("No such table")
        response = HttpResponse(wanted.csv(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = \
            f'attachment; filename="enquiries-{la}-{wanted.id}.csv"'
        return response
    return render(request, "enquiries/measures.html", {
        "title": "Enquiries: response times", "la": la, "controlled": controlled,
        **context})
