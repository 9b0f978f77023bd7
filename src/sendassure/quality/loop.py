"""Closing the loop: a plan graded requires improvement or inadequate gets three
follow-ups, each with an owner and a due date counted from the audit: amend the plan
(4 weeks), training for its writer (8 weeks) and a re-audit (12 weeks). A re-audit is a
later audit of the same plan; ``changes`` shows the grade before and after. Regrading an
audit good or better removes its follow-ups that were not yet done."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from .models import Audit, FollowUp

WEAK = ("requires_improvement", "inadequate")
DUE_WEEKS = {"amend_plan": 4, "training": 8, "re_audit": 12}
DEFAULT_OWNER = "SEND casework team manager"


def ensure_follow_ups(audit: Audit, owner: str = DEFAULT_OWNER) -> list[FollowUp]:
    """Create the follow-ups a weak audit needs (once); drop open ones of a good one."""
    if audit.status != Audit.SUBMITTED or audit.overall_grade not in WEAK:
        FollowUp.objects.filter(audit=audit, done_on__isnull=True).delete()
        return []
    have = set(audit.follow_ups.values_list("kind", flat=True))
    FollowUp.objects.bulk_create(
        FollowUp(la=audit.la, audit=audit, kind=kind, owner=owner,
                 due_date=audit.audit_date + timedelta(weeks=weeks))
        for kind, weeks in DUE_WEEKS.items() if kind not in have)
    return list(audit.follow_ups.all())


@dataclass(frozen=True)
class Change:
    person_id: int
    before: Audit
    after: Audit

    @property
    def direction(self) -> str:
        order = ("inadequate", "requires_improvement", "good", "outstanding")
        a, b = order.index(self.before.overall_grade), order.index(self.after.overall_grade)
        return "better" if b > a else "worse" if b < a else "the same"


def changes(audits) -> list[Change]:
    """For each plan first graded weak and audited again later: the weak audit and the
    next one after it."""
    by_person: dict[int, list[Audit]] = {}
    for audit in sorted(audits, key=lambda a: (a.audit_date, a.reference)):
        by_person.setdefault(audit.person_id, []).append(audit)
    out = []
    for person, mine in by_person.items():
        for i, audit in enumerate(mine[:-1]):
            if audit.overall_grade in WEAK:
                out.append(Change(person, audit, mine[i + 1]))
                break
    return out


def overdue(follow_ups, on: date) -> list[FollowUp]:
    return [f for f in follow_ups if f.done_on is None and f.due_date < on]
