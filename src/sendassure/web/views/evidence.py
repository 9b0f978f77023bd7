"""The evidence library: list and search, upload, a file's page with its versions and a
preview, replacing a file with a new version, and audited downloads.

Everyone signed in sees their areas' evidence (board, forum and reviewers get it in the
review pack, so they may open it too); analysts and administrators upload and replace.
Files are always sent as attachments with the content type of what they were checked to
be; only images are ever shown inline (the preview), under a sandboxing policy.
"""

from __future__ import annotations

from datetime import date as Date

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.timezone import localtime

from sendassure.core import audit
from sendassure.core.permissions import allows, requires
from sendassure.kpis.periods import long_date
from sendassure.plan.evidence import service, storage
from sendassure.plan.evidence.validation import ACCEPTED, KINDS, Refused

from ..presenters.params import date_input

ACCEPT = ",".join(sorted(KINDS))
PREVIEW_CHARS = 20_000
FILE_POLICY = "default-src 'none'; sandbox"


@requires("aggregates")
def evidence_list(request):
    q = request.GET.get("q", "").strip()[:200]
    tag = request.GET.get("tag", "").strip()[:100]
    files = Paginator(service.search(request.user, q, tag), 25).get_page(request.GET.get("page"))
    query = "&".join(f"{k}={v}" for k, v in (("q", q), ("tag", tag)) if v)
    return render(request, "evidence/list.html",
                  {"title": "Evidence library", "files": files, "q": q, "tag": tag,
                   "query": query, "can_upload": allows("analyse", request.user)})


@requires("analyse")
def evidence_upload(request):
    user = request.user
    values = {"la": (user.area_codes or [""])[0], "areas": [], "actions": [], "requests": []}
    errors: list[tuple[str, str]] = []
    if request.method == "POST":
        values, errors, links = _read_form(request)
        upload = request.FILES.get("file")
        if upload is None:
            errors.append(("file", "Select the evidence file to upload"))
        if not errors:
            try:
                evidence = service.add_file(
                    user, la=values["la"], title=values["title"], filename=upload.name,
                    content=upload.file, size=upload.size,
                    description=values["description"], date=values["date_value"],
                    author=values["author"], tags=values["tags"],
                    reference=values["reference"], areas=links[0], actions=links[1],
                    requests=links[2])
            except Refused as refusal:
                errors.append(("file", refusal.message))
            else:
                audit.record(request, "upload", "EvidenceFile", evidence.pk,
                             evidence.current.filename)
                messages.success(request, f"{evidence.title} has been added to the library")
                return redirect("evidence-detail", pk=evidence.pk)
    return render(request, "evidence/upload.html", _form_context(user, values, errors),
                  status=400 if errors else 200)


@requires("aggregates")
def evidence_detail(request, pk: int):
    evidence = service.file_for(request.user, pk)
    versions = list(evidence.versions.select_related("blob", "uploaded_by").order_by("-number"))
    for version in versions:
        version.uploaded_local = localtime(version.uploaded_at)
    current = versions[0] if versions else None
    kind = service.kind_of(current) if current else None
    return render(request, "evidence/detail.html", {
        "title": evidence.title, "evidence": evidence, "versions": versions,
        "current": current, "kind": kind,
        "preview_image": bool(kind and kind.is_image),
        "preview_text": evidence.text[:PREVIEW_CHARS],
        "preview_cut": len(evidence.text) > PREVIEW_CHARS,
        "areas": evidence.areas.select_related("plan"),
        "actions": evidence.actions.select_related("area__plan"),
        "requests": evidence.evidence_requests.select_related("area"),
        "can_replace": allows("analyse", request.user)})


@requires("analyse")
def evidence_replace(request, pk: int):
    evidence = service.file_for(request.user, pk)
    errors: list[tuple[str, str]] = []
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            errors.append(("file", "Select the new version of the file"))
        else:
            try:
                version = service.add_version(request.user, evidence, filename=upload.name,
                                              content=upload.file, size=upload.size)
            except Refused as refusal:
                errors.append(("file", refusal.message))
            else:
                audit.record(request, "replace", "EvidenceFile", evidence.pk,
                             f"version {version.number}: {version.filename}")
                messages.success(request, f"Version {version.number} of {evidence.title} "
                                 "has been added; earlier versions are kept")
                return redirect("evidence-detail", pk=evidence.pk)
    return render(request, "evidence/replace.html", {
        "title": f"Replace {evidence.title}", "evidence": evidence, "current": evidence.current,
        "accept": ACCEPT, "accepted": ACCEPTED, "max_mb": _max_mb(),
        "errors": dict(errors), "errors_list": _summary(errors)},
        status=400 if errors else 200)


@requires("aggregates")
def evidence_download(request, pk: int):
    evidence = service.file_for(request.user, pk)
    version = evidence.current
    if version is None:
        raise Http404("This evidence file has no content")
    return _send(request, evidence, version, attachment=True)


@requires("aggregates")
def evidence_version_download(request, pk: int, number: int):
    evidence = service.file_for(request.user, pk)
    return _send(request, evidence, service.version_of(evidence, number), attachment=True)


@requires("aggregates")
def evidence_preview(request, pk: int):
    """The current version of an image, shown inline on the file's page."""
    evidence = service.file_for(request.user, pk)
    version = evidence.current
    kind = service.kind_of(version) if version else None
    if not (kind and kind.is_image and version.blob.content_type.startswith("image/")):
        raise Http404("Only images have a preview")
    return _send(request, evidence, version, attachment=False)


# --- helpers ---------------------------------------------------------------------------------

def _send(request, evidence, version, *, attachment: bool):
    try:
        handle = storage.open_blob(version.blob_id)
    except FileNotFoundError as missing:
        raise Http404("The stored content of this file is missing") from missing
    content_type = version.blob.content_type
    if content_type.startswith("text/"):
        content_type += "; charset=utf-8"
    response = FileResponse(handle, as_attachment=attachment, filename=version.filename,
                            content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = FILE_POLICY
    response["Cache-Control"] = "private, no-store"
    if attachment:
        audit.record(request, "download", "EvidenceFile", evidence.pk, version.filename)
    else:
        audit.record(request, "view", "EvidenceFile", evidence.pk,
                     f"preview of {version.filename}")
    return response


def _max_mb() -> int:
    return settings.EVIDENCE_MAX_MB


def _read_form(request):
    """The upload form's fields: (values, errors, (areas, actions))."""
    user, post = request.user, request.POST
    values = {name: post.get(name, "").strip() for name in
              ("title", "description", "author", "reference", "tags", "la",
               "date-day", "date-month", "date-year")}
    values["areas"] = post.getlist("areas")
    values["actions"] = post.getlist("actions")
    values["requests"] = post.getlist("requests")
    errors: list[tuple[str, str]] = []
    codes = user.area_codes
    if len(codes) == 1:
        values["la"] = codes[0]
    elif values["la"] not in codes:
        errors.append(("la", "Select the local area this evidence belongs to"))
    if not values["title"]:
        errors.append(("title", "Enter a title"))
    elif len(values["title"]) > 300:
        errors.append(("title", "Title must be 300 characters or fewer"))
    for name, limit in (("author", 120), ("reference", 20), ("tags", 300)):
        if len(values[name]) > limit:
            errors.append((name, f"{name.capitalize()} must be {limit} characters or fewer"))
    values["date_value"], date_error = _date(values)
    if date_error:
        errors.append(("date-day", date_error))
    areas = service.linkable_areas(user, values["la"]).filter(pk__in=_ids(values["areas"]))
    actions = service.linkable_actions(user, values["la"]).filter(pk__in=_ids(values["actions"]))
    if len(areas) != len(set(values["areas"])):
        errors.append(("areas", "Select areas of weakness from plans of the chosen local area"))
    if len(actions) != len(set(values["actions"])):
        errors.append(("actions", "Select actions from plans of the chosen local area"))
    requests = service.linkable_requests(user, values["la"]).filter(
        pk__in=_ids(values["requests"]))
    if len(requests) != len(set(values["requests"])):
        errors.append(("requests", "Select open evidence requests from plans of the chosen "
                                   "local area"))
    return values, errors, (list(areas), list(actions), list(requests))


def _date(values) -> tuple[Date | None, str]:
    """The evidence's date input, read by the one parser of form dates (from 1900: an
    old policy or report can be evidence too)."""
    return date_input(values, "date", "The date of the evidence", earliest=Date(1900, 1, 1))


def _ids(raw: list[str]) -> list[int]:
    return [int(v) for v in raw if v.isdigit()]


def _summary(errors: list[tuple[str, str]]) -> list[dict]:
    return [{"text": message, "href": f"#{field}"} for field, message in errors]


def _form_context(user, values, errors) -> dict:
    codes = user.area_codes
    chosen_areas, chosen_actions = set(values["areas"]), set(values["actions"])
    area_items = [{"value": str(a.pk), "text": f"{a.plan.title} ({a.plan.la}): {a}",
                   "checked": str(a.pk) in chosen_areas}
                  for a in service.linkable_areas(user)]
    action_items = [{"value": str(a.pk),
                     "text": f"{a.area.plan.title} ({a.area.plan.la}): {a.reference} "
                             f"{a.description}",
                     "checked": str(a.pk) in chosen_actions}
                    for a in service.linkable_actions(user)]
    chosen_requests = set(values.get("requests", []))
    request_items = [{"value": str(r.pk),
                      "text": f"{r.plan.title} ({r.plan.la}), area {r.area.number}: {r.text}",
                      "hint": {"text": (f"Due at the review of {long_date(r.due_review)}"
                                        if r.due_review else "No review date given")
                               + f"; {r.get_status_display().lower()}"},
                      "checked": str(r.pk) in chosen_requests}
                     for r in service.linkable_requests(user)]
    la_items = [{"value": code, "text": code, "checked": values.get("la") == code}
                for code in codes]
    return {"title": "Upload evidence", "values": values, "codes": codes, "la_items": la_items,
            "area_items": area_items, "action_items": action_items,
            "request_items": request_items,
            "accept": ACCEPT, "accepted": ACCEPTED, "max_mb": _max_mb(),
            "errors": dict(errors), "errors_list": _summary(errors)}
