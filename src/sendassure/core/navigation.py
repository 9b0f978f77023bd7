"""The service navigation, by role: only links the user may follow are shown."""

from __future__ import annotations

from django.urls import NoReverseMatch, resolve, reverse

from .permissions import allows, declared_permission

# (URL name, label). Later features add their pages here.
NAVIGATION = [
    ("start", "Home"),
    ("dashboard-timeliness", "Dashboard"),
    ("outcomes", "Outcomes"),
    ("health-waits", "Health waits"),
    ("quality", "Plan quality"),
    ("complaints", "Families' voice"),
    ("plans", "Plan"),
    ("evidence", "Evidence"),
    ("worklist", "Worklist"),
    ("imports", "Imports"),
    ("quarantine", "Quarantine"),
    ("audit-log", "Audit log"),
]


def reachable(request, name: str) -> str | None:
    """The URL of a named page if the signed-in user may follow it, else ``None``."""
    try:
        href = reverse(name)
    except NoReverseMatch:
        return None
    permission = declared_permission(resolve(href).func)
    return href if permission and allows(permission, request.user) else None


def navigation_for(request) -> list[dict]:
    section = _section(request.path)
    return [
        {"href": href, "text": label, "active": section == _section(href)}
        for name, label in NAVIGATION
        if (href := reachable(request, name))
    ]


def _section(path: str) -> str:
    return path.strip("/").split("/")[0]
