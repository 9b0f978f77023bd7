"""What each permission allows, by role; and the decorator views use to declare one.

Every URL's view must declare exactly one permission (``PermissionMiddleware`` refuses
to serve a view that declares none, and a test walks every URL as every role).
"""

from __future__ import annotations

from collections.abc import Callable

from .roles import CHILD_LEVEL_ROLES, Role

ALL_ROLES = frozenset(Role)
PUBLIC = "public"

PERMISSIONS: dict[str, frozenset[Role] | str] = {
    # anybody, signed in or not
    PUBLIC: PUBLIC,
    # any signed-in user
    "signed_in": ALL_ROLES,
    # aggregate figures, the plan and its evidence
    "aggregates": ALL_ROLES,
    # child-level records: case lists, worklists, quarantine, identities
    "child_level": CHILD_LEVEL_ROLES,
    # loading data and editing the plan
    "analyse": frozenset({Role.ADMINISTRATOR, Role.ANALYST}),
    # health data
    "health": frozenset({Role.ADMINISTRATOR, Role.ANALYST, Role.HEALTH}),
    # plan quality audits assigned to the user
    "audit_plans": frozenset({Role.ADMINISTRATOR, Role.ANALYST, Role.AUDITOR}),
    # users and the audit log
    "administer": frozenset({Role.ADMINISTRATOR}),
}


def allows(permission: str, user) -> bool:
    rule = PERMISSIONS[permission]
    if rule == PUBLIC:
        return True
    if not getattr(user, "is_authenticated", False):
        return False
    return getattr(user, "role", None) in rule


def requires(permission: str) -> Callable:
    """Declare the permission a view needs: ``@requires("child_level")``."""
    if permission not in PERMISSIONS:
        raise ValueError(f"Unknown permission {permission!r}")

    def mark(view):
        view.permission = permission
        return view

    return mark


def shows_child_data(view):
    """Mark a view that shows or exports child-level data: it must call ``audit.record``
    (a test requests every such URL and expects an audit event)."""
    view.shows_child_data = True
    return view


def declared_permission(view) -> str | None:
    for candidate in (view, getattr(view, "view_class", None), getattr(view, "cls", None)):
        if candidate is not None and getattr(candidate, "permission", None):
            return candidate.permission
    return None
