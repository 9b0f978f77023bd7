"""The roles a user can hold, and what each may reach.

A role is a job in the local area partnership. What a role may do is written once, in
``permissions.PERMISSIONS``; views name a permission, never a role.
"""

from django.db import models


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", "Administrator"
    ANALYST = "analyst", "Analyst"
    CASEWORK = "casework", "Casework"
    AUDITOR = "auditor", "Plan quality auditor"
    HEALTH = "health", "Health"
    BOARD = "board", "Partnership board"
    FORUM = "forum", "Parent carer forum"
    REVIEWER = "reviewer", "DfE or NHS England reviewer"


ROLE_DESCRIPTIONS = {
    Role.ADMINISTRATOR: "Manages users and reads the audit log; sees everything an analyst sees.",
    Role.ANALYST: "Imports data and sees everything, including child-level records.",
    Role.CASEWORK: "Sees child-level case lists and worklists for their areas.",
    Role.AUDITOR: "Sees the EHC plans assigned to them for quality audit.",
    Role.HEALTH: "Sees health data and aggregate figures.",
    Role.BOARD: "Sees aggregate, disclosure-controlled figures, the plan and evidence.",
    Role.FORUM: "Sees aggregate, disclosure-controlled figures, the plan and evidence.",
    Role.REVIEWER: "Sees aggregate, disclosure-controlled figures, the plan and evidence.",
}

# Roles that may see child-level (person) records, subject to their areas.
CHILD_LEVEL_ROLES = frozenset({Role.ADMINISTRATOR, Role.ANALYST, Role.CASEWORK})
# Every other role sees disclosure-controlled figures only (docs/measures.md).
AGGREGATE_ROLES = frozenset(Role) - CHILD_LEVEL_ROLES


def is_aggregate(user) -> bool:
    """Whether the user's figures must be disclosure-controlled."""
    return getattr(user, "role", None) not in CHILD_LEVEL_ROLES
