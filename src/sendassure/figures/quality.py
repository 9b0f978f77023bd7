"""The plan quality stream: submitted EHC plan quality audits (``sendassure.quality``)
as one flow family, so the dashboard, plan area 6 and the pack read grade distributions
through the figures service like any other measure. An audit belongs to the period of
its ``audit_date`` and is known from that date; a follow-up closes the loop when it was
done on or before its due date and by the date the figures are known on.

The agreement statistics (kappa) are not additive over months and are worked out by
``kpis.plan_quality`` directly (``sendassure audits summary`` and the quality pages).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sendassure.kpis.disclosure import Rules
from sendassure.kpis.percent import percent
from sendassure.kpis.periods import QUARTER
from sendassure.kpis.results import Result

from .registry import FLOW, DataCurrency, Family, Measure, Stream, register, register_stream

STREAM = "quality"
GRADES = ("outstanding", "good", "requires_improvement", "inadequate")


def _inputs(areas: Sequence[str]) -> list[dict]:
    from sendassure.quality.models import Audit, FollowUp

    audits = Audit.objects.filter(la__in=list(areas), status=Audit.SUBMITTED)
    follow_ups: dict[int, list[tuple[date, date | None]]] = {}
    for audit_id, due, done in FollowUp.objects.filter(la__in=list(areas)).values_list(
            "audit_id", "due_date", "done_on"):
        follow_ups.setdefault(audit_id, []).append((due, done))
    return [{"audit_date": d, "overall_grade": g, "follow_ups": follow_ups.get(i, [])}
            for i, d, g in audits.values_list("id", "audit_date", "overall_grade")]


def _currency(areas: Sequence[str]) -> DataCurrency:
    from django.db.models import Max, Min

    from sendassure.quality.models import Audit

    found = Audit.objects.filter(la__in=list(areas), status=Audit.SUBMITTED).aggregate(
        first=Min("audit_date"), last=Max("audit_date"))
    if found["last"] is None:
        return DataCurrency(None, None)
    return DataCurrency(found["first"].replace(day=1), found["last"], "plan quality audits")


def _version(areas: Sequence[str]) -> str:
    from sendassure.core.versions import current
    from sendassure.quality.frameworks import VERSION_KEY

    return current([VERSION_KEY])


def _areas() -> list[str]:
    from sendassure.quality.models import Audit

    return sorted(set(Audit.objects.values_list("la", flat=True)))


register_stream(Stream(STREAM, "EHC plan quality audits", _inputs, _currency, _version,
                       _areas))


@dataclass(frozen=True)
class PlanQuality(Result):
    audits: int
    outstanding: int
    good: int
    requires_improvement: int
    inadequate: int
    good_or_better: int
    pc_good_or_better: Decimal | None
    needing_follow_up: int
    loop_closed: int
    pc_loop_closed: Decimal | None


def population(inputs: list[dict], start: date, end: date, as_of: date) -> list[dict]:
    """Audits dated in the period and known by ``as_of``, with what was done by then."""
    out = []
    for a in inputs:
        if start <= a["audit_date"] <= end and a["audit_date"] <= as_of:
            out.append({**a, "closed": bool(a["follow_ups"]) and all(
                done is not None and done <= due and done <= as_of
                for due, done in a["follow_ups"])})
    return out


def summarise(rows: list[dict]) -> PlanQuality:
    n = {g: sum(1 for r in rows if r["overall_grade"] == g) for g in GRADES}
    audits = sum(n.values())
    better = n["outstanding"] + n["good"]
    weak = [r for r in rows if r["overall_grade"] in ("requires_improvement", "inadequate")]
    closed = sum(1 for r in weak if r["closed"])
    return PlanQuality(audits=audits, **n, good_or_better=better,
                       pc_good_or_better=percent(better, audits),
                       needing_follow_up=len(weak), loop_closed=closed,
                       pc_loop_closed=percent(closed, len(weak)))


RULES = Rules(
    lines=(((*GRADES,), "audits"),
           (("outstanding", "good"), "good_or_better"),
           (("good_or_better", "requires_improvement", "inadequate"), "audits"),
           (("requires_improvement", "inadequate"), "needing_follow_up"),
           (("loop_closed", "loop_open"), "needing_follow_up")),
    percentages={"pc_good_or_better": ("good_or_better", "audits"),
                 "pc_loop_closed": ("loop_closed", "needing_follow_up")},
    complements={"loop_open": ("needing_follow_up", ("loop_closed",))},
)


def _count(name: str, label: str, polarity: str, definition: str) -> Measure:
    return Measure(name, label, "count", polarity, definition)


register(Family(
    name="plan_quality", title="EHC plan quality audits", stream=STREAM, kind=FLOW,
    period_kind=QUARTER,
    definition=("Submitted audits of EHC plans against the quality framework, by the date "
                "of the audit; each audit counts once (a plan audited twice counts twice). "
                "Grades are the audit's overall grade."),
    population=population, summarise=summarise, result=PlanQuality, rules=RULES,
    statutory_section=False,
    exclusions="Draft audits are left out until they are submitted.",
    measures=(
        _count("audits", "Plan quality audits", "neither", "Audits dated in the period."),
        _count("outstanding", "Audits graded outstanding", "up", "Overall grade outstanding."),
        _count("good", "Audits graded good", "up", "Overall grade good."),
        _count("requires_improvement", "Audits graded requires improvement", "down",
               "Overall grade requires improvement."),
        _count("inadequate", "Audits graded inadequate", "down", "Overall grade inadequate."),
        _count("good_or_better", "Audits graded good or better", "up",
               "Outstanding or good."),
        Measure("pc_good_or_better", "% of audited plans good or better", "percent", "up",
                "Audits graded outstanding or good as a percentage of audits.",
                "good_or_better", "audits"),
        _count("needing_follow_up", "Audits needing follow-up", "down",
               "Audits graded requires improvement or inadequate."),
        _count("loop_closed", "Follow-ups done on time", "up",
               "Of those, audits whose every follow-up (amend the plan, re-audit, "
               "training) was done by its due date."),
        Measure("pc_loop_closed", "% of weak plans with the loop closed", "percent", "up",
                "Audits needing follow-up whose follow-ups were all done on time, as a "
                "percentage of them.", "loop_closed", "needing_follow_up"),
    ),
))
