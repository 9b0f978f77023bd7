"""EHC plan quality: the audit summary (``sendassure audits summary``) from audit rows.

Over audits dated from ``start`` to ``end`` inclusive:
- ``audits``: audits in the period; ``plans_audited``: distinct plans among them;
- ``grades``: audits per overall grade (all four, zeros included);
  ``pc_good_or_better``: outstanding or good as a percentage of the audits graded, by
  the project's percentage rule (``percent.percent``); these count audits, not plans;
- ``double_audited``: plans whose first two audits in the period (by date, then
  reference) were made by different auditors; those two are compared, the earlier as
  the first auditor. A plan whose first two audits are by the same auditor (a re-audit)
  is not double-audited;
- ``agreement_pc``: pairs with the same overall grade, as a percentage of the pairs;
- ``kappa`` and ``kappa_linear``: Cohen's kappa on the pairs' overall grades, unweighted
  and linear-weighted (``agreement``), rounded half up to 3 places; ``None`` where
  undefined (no pairs, or no variation to discount).
Per section, the same agreement over pairs in which both audits graded the section.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from .agreement import GRADES, kappa_fraction, percent_agreement, round_half_up
from .percent import percent

GOOD_OR_BETTER = ("outstanding", "good")


@dataclass(frozen=True)
class AuditRow:
    reference: str
    plan: int  # the case's surrogate key
    audit_date: date
    auditor: str
    agency: str
    overall_grade: str
    sections: dict[str, str] = field(default_factory=dict)


def in_period(audits: Iterable[AuditRow], start: date, end: date) -> list[AuditRow]:
    return sorted((a for a in audits if start <= a.audit_date <= end),
                  key=lambda a: (a.audit_date, a.reference))


def double_audits(audits: list[AuditRow]) -> list[tuple[AuditRow, AuditRow]]:
    """(first, second) for each double-audited plan, in the order of the first audit."""
    by_plan: dict[int, list[AuditRow]] = defaultdict(list)
    for a in sorted(audits, key=lambda a: (a.audit_date, a.reference)):
        by_plan[a.plan].append(a)
    pairs = [(mine[0], mine[1]) for mine in by_plan.values()
             if len(mine) >= 2 and mine[0].auditor.strip().lower()
             != mine[1].auditor.strip().lower()]
    return sorted(pairs, key=lambda p: (p[0].audit_date, p[0].reference))


def agreement(pairs: list[tuple[str, str]]) -> dict:
    agreed, total = percent_agreement(pairs)
    out = {"pairs": total, "agreed": agreed, "agreement_pc": percent(agreed, total)}
    for name, weights in (("kappa", None), ("kappa_linear", "linear")):
        exact = kappa_fraction(pairs, GRADES, weights)
        out[name] = None if exact is None else round_half_up(exact, 3)
    return out


def summary(audits: Iterable[AuditRow], start: date, end: date) -> dict:
    chosen = in_period(audits, start, end)
    counts = Counter(a.overall_grade for a in chosen if a.overall_grade)
    graded = sum(counts.values())
    pairs = double_audits(chosen)
    overall = agreement([(a.overall_grade, b.overall_grade) for a, b in pairs])
    return {
        "audits": len(chosen),
        "plans_audited": len({a.plan for a in chosen}),
        "grades": {g: counts.get(g, 0) for g in GRADES},
        "pc_good_or_better": percent(sum(counts[g] for g in GOOD_OR_BETTER), graded),
        "double_audited": len(pairs),
        "agreement_pc": overall["agreement_pc"],
        "kappa": overall["kappa"],
        "kappa_linear": overall["kappa_linear"],
    }


def section_agreement(audits: Iterable[AuditRow], start: date, end: date,
                      sections: Iterable[str]) -> dict[str, dict]:
    """Per section: agreement over the double-audited pairs where both graded it."""
    pairs = double_audits(in_period(audits, start, end))
    return {code: agreement([(a.sections[code], b.sections[code]) for a, b in pairs
                             if code in a.sections and code in b.sections])
            for code in sections}


def section_grades(audits: Iterable[AuditRow], start: date, end: date,
                   sections: Iterable[str]) -> dict[str, dict[str, int]]:
    """Per section: audits per grade (a section left blank is not counted)."""
    chosen = in_period(audits, start, end)
    return {code: {g: sum(1 for a in chosen if a.sections.get(code) == g) for g in GRADES}
            for code in sections}
