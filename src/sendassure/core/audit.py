"""The audit service: the one way anything is written to the audit log.

Every view or export that shows child-level data calls ``record`` (reads as well as
writes), naming what was seen. Nobody can edit or delete an event through the
application (see ``AuditEvent``).
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest

from .models import AuditEvent, User


def client_address(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    address = request.META.get("REMOTE_ADDR")
    if settings.TRUST_X_FORWARDED_FOR and request.META.get("HTTP_X_FORWARDED_FOR"):
        address = request.META["HTTP_X_FORWARDED_FOR"].split(",")[0].strip()
    try:
        return str(ipaddress.ip_address(address)) if address else None
    except ValueError:
        return None


def written_areas(codes) -> str:
    codes = sorted({c for c in codes if c})
    return "," + ",".join(codes) + "," if codes else ""


def record(
    actor: HttpRequest | User | None,
    action: str,
    object_type: str = "",
    object_id: str | int = "",
    summary: str = "",
    areas=None,
) -> AuditEvent:
    """Write one audit event. ``actor`` is the request (preferred: gives the client
    address) or the user (for CLI work); ``None`` means the system itself. ``areas``:
    the LA codes the event concerns (default: the acting user's areas), which decide
    which administrators may read it."""
    request = actor if isinstance(actor, HttpRequest) else None
    user = request.user if request is not None else actor
    if user is not None and not getattr(user, "is_authenticated", False):
        user = None
    if areas is None:
        areas = user.area_codes if user is not None else ()
    return AuditEvent.objects.create(
        areas=written_areas(areas)[:200],
        user=user,
        username=user.get_username() if user else "(system)",
        role=getattr(user, "role", "") or "",
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        summary=summary[:500],
        client_address=client_address(request),
    )
