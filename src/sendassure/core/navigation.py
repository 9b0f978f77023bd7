"""The service navigation, by role: only links the user may follow are shown."""

from __future__ import annotations

from django.urls import NoReverseMatch, resolve, reverse

from .permissions import allows, declared_permission

# (URL name, label). Later features add their pages here.
NAVIGATION = [
    ("start", "Home"),
    ("dashboard-timeliness", "Dashboard"),
    ("plans", "Plan"),
    ("evidence", "Evidence"),
    ("worklist", "Worklist"),
    ("imports", "Imports"),
    ("quarantine", "Quarantine"),
    ("audit-log", "Audit log"),
]


def navigation_for(request) -> list[dict]:
    items = []
    for name, label in NAVIGATION:
        try:
            href = reverse(name)
        except NoReverseMatch:
            continue
        permission = declared_permission(resolve(href).func)
        if permission and allows(permission, request.user):
            items.append({"href": href, "text": label, "active": _section(request.path) == _section(href)})
    return items


def _section(path: str) -> str:
    return path.strip("/").split("/")[0]
