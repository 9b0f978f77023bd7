"""The stored requests a validation error bars from some measure sections, and an
analyst's resolution that lifts a bar (with a reason, audited).

A later return that corrects a record lifts its bars by itself: the importer judges the
new version afresh and stores it with its own exclusions (none, if it is now right).
A resolution records that an analyst has checked the record and that the measures may
use it as it stands; the figures and the fact table move in the same transaction. It
lasts until a return changes the record. The record must still meet each population's
own conditions (a decision dated before its request is never timed, whatever is lifted).
"""

from __future__ import annotations

import json

from django.db import transaction

from sendassure.casework.models import Request
from sendassure.core import audit, versions
from sendassure.core.roles import Role
from sendassure.kpis import exclusions as sections

MAY_LIFT = frozenset({Role.ADMINISTRATOR, Role.ANALYST})


class LiftRefused(Exception):
    pass


def barred(areas) -> list[dict]:
    """Each stored request of ``areas`` barred from some section: id, LA, dates and the
    bars by rule (child-level: callers audit it)."""
    rows = Request.objects.filter(la__in=list(areas)).exclude(excluded_from="").order_by(
        "la", "received_date", "id")
    return [{"request_id": pk, "la": la, "received_date": received,
             "exclusions": json.loads(text or "{}")}
            for pk, la, received, text in rows.values_list(
                "id", "la", "received_date", "exclusions")]


def lift(request_id: int, code: str, reason: str, user) -> dict[str, list[str]]:
    """Lift rule ``code``'s bar from one request; returns the bars that remain."""
    reason = " ".join((reason or "").split())
    if len(reason) < 10:
        raise LiftRefused("Give a reason of at least 10 characters: it goes in the audit log.")
    if getattr(user, "role", None) not in MAY_LIFT:
        raise LiftRefused("Only an analyst or an administrator may lift an exclusion.")
    with transaction.atomic():
        request = Request.objects.select_for_update().filter(pk=request_id).first()
        if request is None or request.la not in user.area_codes:
            raise LiftRefused(f"There is no request {request_id} in your areas.")
        held = json.loads(request.exclusions or "{}")
        if code not in held:
            raise LiftRefused(f"Request {request_id} is not barred by {code} "
                              f"(its bars: {', '.join(sorted(held)) or 'none'}).")
        lifted = held.pop(code)
        request.exclusions = json.dumps(held, sort_keys=True) if held else ""
        request.excluded_from = sections.written(
            s for bars in held.values() for s in bars) or ""
        request.save(update_fields=["exclusions", "excluded_from"])
        audit.record(user, "change", "Request", request.pk,
                     f"lifted {code} (from {', '.join(lifted)}): {reason}", areas=[request.la])
        versions.changed([versions.records_key(request.la)], [request.la], sender=Request)
    return held
