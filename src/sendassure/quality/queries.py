"""Named queries over plan quality audits, scoped to the user: analysts and
administrators see their areas' audits; an auditor sees only the plans assigned to them
and their own audits."""

from __future__ import annotations

from collections.abc import Iterable

from sendassure.core.roles import Role
from sendassure.kpis.plan_quality import AuditRow

from .models import Assignment, Audit


def audits_for(user):
    audits = Audit.objects.for_user(user)
    if getattr(user, "role", None) == Role.AUDITOR:
        assigned = Assignment.objects.for_user(user).filter(auditor=user).values("person_id")
        audits = audits.filter(person_id__in=assigned)
    return audits


def assigned_people(user) -> list[int]:
    return list(Assignment.objects.for_user(user).filter(auditor=user)
                .values_list("person_id", flat=True))


def audit_rows(areas: Iterable[str] | None = None) -> list[AuditRow]:
    """Every submitted audit of the areas (all areas if None) as summary rows."""
    audits = Audit.objects.filter(status=Audit.SUBMITTED)
    if areas is not None:
        audits = audits.filter(la__in=list(areas))
    sections: dict[int, dict[str, str]] = {}
    for audit_id, code, grade in audits.values_list("id", "sections__section",
                                                     "sections__grade"):
        if code:
            sections.setdefault(audit_id, {})[code] = grade
    return [AuditRow(a.reference, a.person_id, a.audit_date, a.auditor, a.agency,
                     a.overall_grade, sections.get(a.id, {}))
            for a in audits.only("id", "reference", "person_id", "audit_date", "auditor",
                                 "agency", "overall_grade")]
