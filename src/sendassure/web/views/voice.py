"""Families' voice: complaints and surveys.

- ``/voice/complaints/``: every signed-in role (controlled for aggregate roles): by year
  from the figures service, by stage, top five themes year on year, remedies, the
  Ombudsman's decisions and the lessons learned with the plan actions they feed.
- ``/voice/complaints/list/`` and ``/voice/complaints/<pk>/``: child-level roles (each
  view audited); analysts record remedies and lessons learned linked to plan actions.
- ``/voice/surveys/``: every signed-in role: % agree with intervals per wave, group and
  baseline, and the comments' tag counts (never their text).
- ``/voice/surveys/comments/``: child-level roles read the comments (audited); analysts
  keep the area's tag vocabulary and tag the comments.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from sendassure.core import audit
from sendassure.core.permissions import allows, requires, shows_child_data
from sendassure.core.roles import is_aggregate
from sendassure.core.scrub import identifies, scrub
from sendassure.plan.models import Action
from sendassure.voice.models import (
    GROUPS,
    REMEDIES,
    STAGES,
    CommentTag,
    Complaint,
    LessonLearned,
    SurveyComment,
)
from sendassure.voice.queries import waves

from ..presenters import complaints as present
from ..presenters import surveys as survey_present
from ..presenters.params import date_input

PER_PAGE = 50


def _la(request) -> str:
    mine = request.user.area_codes
    chosen = request.GET.get("area") or request.POST.get("area") or ""
    return chosen if chosen in mine else (mine[0] if mine else "")


def _csv(request, tables, name: str):
    wanted = next((t for t in tables if t.id == request.GET.get("table")), None)
    if wanted is None:
        raise Http404("No such table")
    response = HttpResponse(wanted.csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}-{wanted.id}.csv"'
    return response


def _lessons(la: str, year: int | None):
    found = LessonLearned.objects.filter(complaint__la=la).select_related(
        "complaint", "action", "action__area")
    if year:
        found = found.filter(complaint__received_on__year=year)
    return found


@requires("aggregates")
def complaints_page(request):
    la = _la(request)
    year = request.GET.get("year", "")
    context = present.complaints_page(la, int(year) if year.isdigit() else None,
                                      is_aggregate(request.user)) if la else \
        {"has_data": False, "tables": [], "years": []}
    if request.GET.get("format") == "csv":
        return _csv(request, context["tables"], f"complaints-{la}-{context.get('year', '')}")
    from sendassure.voice.themes import taxonomy

    return render(request, "voice/complaints.html", {
        "title": "SEND complaints", "la": la, **context,
        "deadlines": [(label, taxonomy().deadlines.get(code)) for code, label in STAGES],
        "lessons": _lessons(la, context.get("year")) if context["has_data"] else [],
        "child_level": not is_aggregate(request.user),
    })


@requires("child_level")
@shows_child_data
def complaint_list(request):
    la = _la(request)
    found = Complaint.objects.filter(la=la).order_by("-received_on", "reference")
    year = request.GET.get("year", "")
    if year.isdigit():
        found = found.filter(received_on__year=int(year))
    found = list(found[:500])
    audit.record(request, "view", "Complaint", "", f"complaints list ({len(found)})",
                 areas=[la])
    return render(request, "voice/complaint-list.html", {
        "title": "Complaints", "la": la, "complaints": found, "year": year,
    })



def _save_remedies(complaint: Complaint, post) -> list[dict]:
    codes = [c for c in post.getlist("remedies") if c in dict(REMEDIES)]
    if len(codes) != len(post.getlist("remedies")):
        return [{"text": "Choose remedies from the list", "href": "#remedies"}]
    detail = scrub(post.get("remedy_detail") or "")
    if len(detail) > 2000:
        return [{"text": "Describe the remedy in 2,000 characters or fewer",
                 "href": "#remedy_detail"}]
    complaint.remedies = ";".join(dict.fromkeys(codes))
    complaint.remedy_detail = detail
    complaint.save(update_fields=["remedies", "remedy_detail"])
    return []


def _add_lesson(request, complaint: Complaint, post) -> list[dict]:
    errors = []
    text = scrub(post.get("lesson") or "")
    if not text:
        errors.append({"text": "Enter the lesson learned", "href": "#lesson"})
    elif len(text) > 4000:
        errors.append({"text": "Enter the lesson in 4,000 characters or fewer",
                       "href": "#lesson"})
    learned, problem = date_input(post, "learned_on", "The date learned")
    if problem:
        errors.append({"text": problem, "href": "#learned_on-day"})
    learned = learned or timezone.localdate()  # blank: learned today
    action = None
    if post.get("action"):
        action = Action.objects.filter(area__plan__la=complaint.la,
                                       pk=post.get("action")).first()
        if action is None:
            errors.append({"text": "Choose one of the area's plan actions", "href": "#action"})
    if errors:
        return errors
    LessonLearned.objects.create(complaint=complaint, text=text, action=action,
                                 recorded_by=request.user.username, recorded_on=learned)
    return []


@requires("child_level")
@shows_child_data
def complaint_detail(request, pk: int):
    complaint = get_object_or_404(Complaint.objects.for_user(request.user), pk=pk)
    can_edit = allows("analyse", request.user)
    errors = []
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied("Only analysts record remedies and lessons")
        if "lesson" in request.POST:
            errors = _add_lesson(request, complaint, request.POST)
            done = "Lesson learned added."
        else:
            errors = _save_remedies(complaint, request.POST)
            done = "Remedies saved."
        if not errors:
            audit.record(request, "change", "Complaint", complaint.pk,
                         f"complaint {complaint.reference}: {done.lower()}",
                         areas=[complaint.la])
            messages.success(request, done)
            return redirect("complaint", complaint.pk)
    else:
        audit.record(request, "view", "Complaint", complaint.pk,
                     f"complaint {complaint.reference}", areas=[complaint.la])
    from sendassure.voice.themes import taxonomy

    labels = taxonomy().themes
    return render(request, "voice/complaint.html", {
        "title": f"Complaint {complaint.reference}", "complaint": complaint,
        "themes": [labels.get(t, t) for t in complaint.theme_codes],
        "remedies": REMEDIES, "remedy_labels": dict(REMEDIES),
        "lessons": complaint.lessons.select_related("action", "action__area"),
        "actions": Action.objects.filter(area__plan__la=complaint.la).select_related(
            "area").order_by("area__plan_id", "area__number", "reference"),
        "can_edit": can_edit, "errors": errors,
        "values": request.POST if request.method == "POST" else {},
    }, status=400 if errors else 200)


def _choice(request, held: list[str], name: str, default: str) -> str:
    chosen = request.GET.get(name, default)
    return chosen if chosen in held else default


@requires("aggregates")
def surveys_page(request):
    la = _la(request)
    held = waves(la) if la else []
    context = {"title": "Surveys of families and practitioners", "la": la, "waves": held,
               "groups": GROUPS}
    if not held:
        return render(request, "voice/surveys.html", context)
    wave = _choice(request, held, "wave", held[-1])
    baseline = _choice(request, held, "baseline", "") or None
    if baseline == wave:
        baseline = None
    group = _choice(request, [c for c, _ in GROUPS], "group", "") or None
    controlled = is_aggregate(request.user)
    respondents, rows = survey_present.statements(la, wave, baseline, group, controlled)
    figure = survey_present.interval_figure(rows, wave, baseline)
    tags, commented = survey_present.tags_table(la, wave, group, controlled)
    if request.GET.get("format") == "csv":
        if request.GET.get("figure") == figure.id:
            response = HttpResponse(figure.csv(), content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = \
                f'attachment; filename="survey-{la}-{figure.id}.csv"'
            return response
        return _csv(request, [tags], f"survey-{la}")
    query = f"?area={la}&wave={wave}&baseline={baseline or ''}&group={group or ''}"
    return render(request, "voice/surveys.html", context | {
        "wave": wave, "baseline": baseline or "", "group": group or "",
        "respondents": respondents, "rows": rows, "figure": figure, "tags": tags,
        "commented": commented, "query": query, "controlled": controlled,
        "threshold": survey_present.tag_threshold(),
        "can_tag": allows("child_level", request.user),
    })


def _tagging(request, la: str) -> tuple[list[dict], str]:
    """Apply a tagging form: a new tag label, or a tag given to / taken from a comment."""
    post = request.POST
    if "label" in post:
        label = " ".join((post.get("label") or "").split())
        if not label or len(label) > 80:
            return [{"text": "Enter a tag of 80 characters or fewer", "href": "#label"}], ""
        if identifies(label):
            return [{"text": "A tag cannot hold a name, postcode or number",
                     "href": "#label"}], ""
        CommentTag.objects.get_or_create(la=la, label=label)
        return [], f"Tag '{label}' added."
    comment = SurveyComment.objects.filter(response__la=la, pk=post.get("comment")).first()
    tag = CommentTag.objects.filter(la=la, pk=post.get("tag")).first()
    if comment is None or tag is None:
        return [{"text": "Choose a comment and one of the area's tags", "href": "#comments"}], ""
    if post.get("remove"):
        comment.tags.remove(tag)
        return [], f"Tag '{tag.label}' removed."
    comment.tags.add(tag)
    return [], f"Tagged '{tag.label}'."


@requires("child_level")
@shows_child_data
def survey_comments(request):
    la = _la(request)
    held = waves(la) if la else []
    can_tag = allows("analyse", request.user)
    errors = []
    if request.method == "POST":
        if not can_tag:
            raise PermissionDenied("Only analysts tag comments")
        errors, done = _tagging(request, la)
        if not errors:
            audit.record(request, "change", "SurveyComment", request.POST.get("comment", ""),
                         done, areas=[la])
            messages.success(request, done)
            return redirect(request.get_full_path())
    wave = _choice(request, held, "wave", held[-1] if held else "")
    found = SurveyComment.objects.filter(response__la=la, response__wave=wave).order_by(
        "question", "id").prefetch_related("tags")
    if request.GET.get("untagged") == "yes":
        found = found.filter(tags__isnull=True)
    total = found.count()
    page = request.GET.get("page", "1")
    page = max(1, min(int(page) if page.isdigit() else 1, (total - 1) // PER_PAGE + 1))
    shown = list(found[(page - 1) * PER_PAGE:page * PER_PAGE])
    audit.record(request, "view", "SurveyComment", "",
                 f"survey comments, wave {wave} ({len(shown)} shown)", areas=[la])
    return render(request, "voice/comments.html", {
        "title": "Survey comments", "la": la, "waves": held, "wave": wave,
        "comments": shown, "total": total, "page": page,
        "pages": (total - 1) // PER_PAGE + 1 if total else 1,
        "untagged": request.GET.get("untagged") == "yes",
        "tags": CommentTag.objects.filter(la=la), "can_tag": can_tag, "errors": errors,
    }, status=400 if errors else 200)
