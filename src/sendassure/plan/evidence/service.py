"""Adding evidence files and versions, and finding them.

``add_file`` and ``add_version`` check the upload first (``validation.check``); a
refused file leaves nothing behind, on disk or in the database. Accepted content is
stored once by SHA-256 (``storage.put``) and described by one ``EvidenceBlob``; each
file's versions point at blobs, so replacing a file keeps every earlier version.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import date as Date
from functools import reduce
from operator import and_, or_
from pathlib import PurePath
from typing import BinaryIO

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Q, QuerySet
from django.shortcuts import get_object_or_404

from sendassure.plan.models import (
    Action,
    AreaOfWeakness,
    EvidenceBlob,
    EvidenceFile,
    EvidenceRequest,
    EvidenceVersion,
    Plan,
)
from sendassure.plan.requests import DONE

from . import extract, storage, validation
from .validation import Kind, Refused

__all__ = ["Refused", "add_file", "add_version", "search", "file_for", "linkable_areas",
           "linkable_actions", "linkable_requests", "clean_filename", "clean_tags", "kind_of"]


def add_file(user, *, la: str, title: str, filename: str, content: BinaryIO, size: int,
             description: str = "", date: Date | None = None, author: str = "",
             tags: str = "", reference: str = "", areas: Iterable[AreaOfWeakness] = (),
             actions: Iterable[Action] = (),
             requests: Iterable[EvidenceRequest] = ()) -> EvidenceFile:
    """Check, store and record a new evidence file (version 1), linked to the areas,
    actions and evidence requests it answers. Raises ``Refused``."""
    filename = clean_filename(filename)
    kind = validation.check(filename, content, size, settings.EVIDENCE_MAX_MB)
    text = extract.text_of(kind, content)
    with transaction.atomic():
        blob = _store(content, kind)
        evidence = EvidenceFile.objects.create(
            la=la, title=title.strip(), description=description.strip(), date=date,
            author=author.strip(), tags=clean_tags(tags), reference=reference.strip(),
            text=text)
        evidence.areas.set(list(areas))
        evidence.actions.set(list(actions))
        evidence.evidence_requests.set(list(requests))
        EvidenceVersion.objects.create(file=evidence, number=1, blob=blob, filename=filename,
                                       uploaded_by=_user(user))
    return evidence


def add_version(user, evidence: EvidenceFile, *, filename: str, content: BinaryIO,
                size: int) -> EvidenceVersion:
    """Replace a file's content: a new version (number + 1); earlier versions stay."""
    filename = clean_filename(filename)
    kind = validation.check(filename, content, size, settings.EVIDENCE_MAX_MB)
    sha256, _ = storage.digest(content)
    current = evidence.current
    if current is not None and current.blob_id == sha256:
        raise Refused(f"{filename} is the same as the current version "
                      f"(version {current.number}): there is nothing to replace")
    text = extract.text_of(kind, content)
    with transaction.atomic():
        locked = EvidenceFile.objects.select_for_update().get(pk=evidence.pk)
        blob = _store(content, kind)
        number = (locked.versions.aggregate(n=Max("number"))["n"] or 0) + 1
        version = EvidenceVersion.objects.create(file=locked, number=number, blob=blob,
                                                 filename=filename, uploaded_by=_user(user))
        locked.text = text
        locked.save(update_fields=["text"])
    evidence.refresh_from_db()
    return version


def search(user, q: str = "", tag: str = "") -> QuerySet[EvidenceFile]:
    """The user's evidence whose title, description, tags, reference, file names or text
    contain every word of ``q`` (any case), carrying ``tag`` (exactly, any case) if given."""
    files = EvidenceFile.objects.for_user(user)
    words = q.split()
    if words:
        files = files.filter(reduce(and_, (_matches(w) for w in words)))
    tag = tag.strip()
    if tag:
        candidates = files.filter(tags__icontains=tag)
        wanted = tag.casefold()
        ids = [f.pk for f in candidates.only("pk", "tags")
               if wanted in (t.casefold() for t in f.tag_list)]
        files = files.filter(pk__in=ids)
    return files.distinct().prefetch_related("areas__plan", "versions__blob")


def file_for(user, pk: int) -> EvidenceFile:
    """One of the user's evidence files, else 404."""
    return get_object_or_404(EvidenceFile.objects.for_user(user), pk=pk)


def version_of(evidence: EvidenceFile, number: int) -> EvidenceVersion:
    return get_object_or_404(evidence.versions.select_related("blob"), number=number)


def linkable_areas(user, la: str | None = None) -> QuerySet[AreaOfWeakness]:
    """Areas of weakness of the user's plans (of plan area ``la`` if given)."""
    plans = Plan.objects.for_user(user)
    if la:
        plans = plans.filter(la=la)
    return AreaOfWeakness.objects.filter(plan__in=plans).select_related("plan").order_by(
        "plan__title", "plan_id", "number")


def linkable_actions(user, la: str | None = None) -> QuerySet[Action]:
    return Action.objects.filter(area__in=linkable_areas(user, la)).select_related(
        "area__plan").order_by("area__plan__title", "area__plan_id", "area__number", "id")


def linkable_requests(user, la: str | None = None) -> QuerySet[EvidenceRequest]:
    """Evidence requests of the user's plans (of plan area ``la`` if given) still waiting
    for an answer: the ones a new file can answer."""
    plans = Plan.objects.for_user(user)
    if la:
        plans = plans.filter(la=la)
    return EvidenceRequest.objects.filter(plan__in=plans).exclude(status__in=DONE).select_related(
        "plan", "area").order_by("plan__title", "plan_id", "area__number", "id")


def kind_of(version: EvidenceVersion) -> Kind | None:
    return validation.KINDS.get(PurePath(version.filename).suffix.lower())


def clean_filename(name: str) -> str:
    """The last part of an uploaded file's name, without control characters."""
    name = PurePath(name.replace("\\", "/")).name
    name = "".join(c for c in name if unicodedata.category(c)[0] != "C").strip(" .")
    if len(name) > 255:
        stem, suffix = PurePath(name).stem, PurePath(name).suffix[:16]
        name = stem[: 255 - len(suffix)] + suffix
    return name or "upload"


def clean_tags(tags: str) -> str:
    """Comma-separated tags, trimmed, each once (first spelling kept), in the order given."""
    seen: dict[str, str] = {}
    for tag in tags.split(","):
        tag = re.sub(r"\s+", " ", tag).strip()
        if tag and tag.casefold() not in seen:
            seen[tag.casefold()] = tag
    return ", ".join(seen.values())


def _matches(word: str) -> Q:
    fields = ["title", "description", "tags", "reference", "text", "versions__filename"]
    return reduce(or_, (Q(**{f"{field}__icontains": word}) for field in fields))


def _store(content: BinaryIO, kind: Kind) -> EvidenceBlob:
    sha256, size, _ = storage.put(content)
    blob, _ = EvidenceBlob.objects.get_or_create(
        sha256=sha256, defaults={"size": size, "content_type": kind.content_type})
    return blob


def _user(user):
    return user if getattr(user, "is_authenticated", False) else None
