"""Synthetic EHC plan quality audits for the demo: a seeded CSV in the audit import layout
(``sendassure audits import``), following the grade mix Kent reported (20% good in March
2020, 75% in March 2021; ``domain/calibration.md``) and then holding, with double audits
by a second auditor (about a fifth; agreeing three times in four, else one grade apart)
and re-audits of weak plans twelve weeks later. No real person: auditors are named by
agency and number; plans are the UPNs given.
"""

from __future__ import annotations

import csv
import random
from datetime import date, timedelta
from pathlib import Path

GRADES = ("outstanding", "good", "requires_improvement", "inadequate")
SECTIONS = ("A", "B", "C", "D", "E", "F", "G", "H1", "H2", "I", "J", "K")
AGENCIES = ("education", "education", "health", "social_care", "parent_carer_forum",
            "independent")
# grade mix (outstanding, good, requires improvement, inadequate) at anchor dates
MIX = ((date(2020, 3, 1), (0.0, 0.2, 0.7, 0.1)), (date(2021, 3, 1), (0.05, 0.7, 0.25, 0.0)),
       (date(2030, 1, 1), (0.1, 0.7, 0.18, 0.02)))
HEADER = ["audit_ref", "plan_ref", "audit_date", "auditor", "agency", "overall_grade",
          *[f"section_{s}" for s in SECTIONS]]


def _mix(day: date) -> tuple[float, ...]:
    if day <= MIX[0][0]:
        return MIX[0][1]
    for (d0, m0), (d1, m1) in zip(MIX, MIX[1:], strict=False):
        if day <= d1:
            t = (day - d0).days / (d1 - d0).days
            return tuple(a + (b - a) * t for a, b in zip(m0, m1, strict=True))
    return MIX[-1][1]


def _near(grade: str, rng: random.Random) -> str:
    i = GRADES.index(grade) + rng.choice((-1, 1))
    return GRADES[min(max(i, 0), len(GRADES) - 1)]


def _sections(overall: str, rng: random.Random) -> list[str]:
    return [overall if rng.random() < 0.6 else _near(overall, rng) for _ in SECTIONS]


def generate(plans: list[tuple[str, date]], first: date, last: date, seed: int,
             per_quarter: int = 20) -> list[list[str]]:
    """Rows of audits from ``first`` to ``last`` of the ``plans`` (UPN, plan start): each
    audit after its plan started."""
    rng = random.Random(f"{seed}:audits")
    auditors = [(f"{agency.replace('_', ' ').title()} auditor {n}", agency)
                for n, agency in enumerate(AGENCIES, start=1)]
    rows: list[list[str]] = []
    day = first
    used: set[str] = set()
    while day <= last:
        quarter_end = min(date(day.year + (day.month > 9), (day.month + 2) % 12 + 1, 1)
                          - timedelta(days=1), last)
        span = (quarter_end - day).days
        for _ in range(per_quarter):
            when = day + timedelta(days=rng.randint(0, max(span - 20, 0)))
            ready = [upn for upn, start in plans if start <= when and upn not in used]
            if not ready:
                continue
            upn = rng.choice(ready)
            used.add(upn)
            grade = rng.choices(GRADES, weights=_mix(when))[0]
            who = rng.choice(auditors)
            rows.append(_row(len(rows) + 1, upn, when, who, grade, rng))
            if rng.random() < 0.2:  # a second auditor, apart
                other = rng.choice([a for a in auditors if a != who])
                second = grade if rng.random() < 0.75 else _near(grade, rng)
                rows.append(_row(len(rows) + 1, upn, when + timedelta(days=rng.randint(1, 14)),
                                 other, second, rng))
            elif grade in GRADES[2:] and when + timedelta(weeks=12) <= last:  # a re-audit
                better = GRADES[GRADES.index(grade) - 1] if rng.random() < 0.7 else grade
                rows.append(_row(len(rows) + 1, upn, when + timedelta(weeks=12), who, better,
                                 rng))
        day = quarter_end + timedelta(days=1)
    return rows


def _row(n: int, upn: str, when: date, who: tuple[str, str], grade: str,
         rng: random.Random) -> list[str]:
    return [f"QA-{n:05d}", upn, when.isoformat(), who[0], who[1], grade,
            *_sections(grade, rng)]


def write(rows: list[list[str]], path: Path) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path
