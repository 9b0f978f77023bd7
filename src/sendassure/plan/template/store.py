"""Store validated template records, and read a stored plan back into records.

A plan is identified by (la, title). Importing a file for a plan that exists replaces
the plan's content with the file's, in one transaction, matching records by their
natural keys so that what is unchanged keeps its identity (and so its links from the
evidence library, exception reports and the users who set ratings):
reviews by date, areas by number, actions by reference, milestones by (action, title,
due date), measures by (area or action, section, KPI, breakdown), measure milestones by
(measure, due date), ratings by every template column, evidence requests by (area,
text). Matched records are updated; records missing from the file are deleted; new
ones are created. Evidence files are not part of the template: their links to areas,
actions and evidence requests that remain are kept.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from django.db import transaction

from sendassure.plan.models import (
    Action,
    AreaOfWeakness,
    EvidenceRequest,
    MeasureLink,
    MeasureMilestone,
    Milestone,
    Plan,
    RagRating,
    ReviewDate,
)  # fmt: skip

from .columns import (
    ACTIONS,
    AREAS,
    EVIDENCE_REQUESTS,
    MEASURE_MILESTONES,
    MEASURES,
    MILESTONES,
    PLAN,
    RATINGS,
    REVIEWS,
)  # fmt: skip

Records = dict[str, list[dict[str, Any]]]


def _sync(existing: Iterable, wanted: list[dict[str, Any]], key: Callable[[Any], tuple],
          create: Callable[[dict[str, Any]], Any]) -> list:
    """Make the stored set equal ``wanted`` (field dicts); returns objects in its order."""
    pool: dict[tuple, list] = defaultdict(list)
    for obj in sorted(existing, key=lambda o: o.pk):
        pool[key(obj)].append(obj)
    matched: list = []
    for fields in wanted:
        probe = _Probe(fields)
        found = pool.get(key(probe))
        matched.append(found.pop(0) if found else None)
    for leftovers in pool.values():
        for obj in leftovers:
            obj.delete()
    result = []
    for obj, fields in zip(matched, wanted, strict=True):
        if obj is None:
            obj = create(fields)
        else:
            changed = [n for n, v in fields.items() if getattr(obj, n) != v]
            for name in changed:
                setattr(obj, name, fields[name])
            if changed:
                obj.save(update_fields=changed)
        result.append(obj)
    return result


class _Probe:
    """Attribute access over a dict of field values, so one key function serves both."""

    def __init__(self, fields: dict[str, Any]):
        self.__dict__.update(fields)


def _blank(value):
    return "" if value is None else value


def save(records: Records) -> Plan:
    """Store one validated template (see the module docstring). One transaction."""
    with transaction.atomic():
        return _save(records)


def _save(r: Records) -> Plan:
    p = r[PLAN.name][0]
    plan, _ = Plan.objects.get_or_create(
        la=p["la"], title=p["title"],
        defaults={"plan_type": p["plan_type"], "start_date": p["start_date"]},
    )
    for name, value in (("plan_type", p["plan_type"]), ("start_date", p["start_date"]),
                        ("end_date", p["end_date"]),
                        ("review_cycle_months", p["review_cycle_months"] or 6)):
        setattr(plan, name, value)
    plan.save()

    _sync(plan.reviews.all(),
          [{"date": v["date"], "label": _blank(v["label"])} for v in r[REVIEWS.name]],
          lambda o: (o.date,), lambda f: ReviewDate.objects.create(plan=plan, **f))

    area_list = _sync(
        plan.areas.all(),
        [{"number": v["number"], "title": v["title"], "description": _blank(v["description"])}
         for v in r[AREAS.name]],
        lambda o: (o.number,), lambda f: AreaOfWeakness.objects.create(plan=plan, **f))
    areas = {a.number: a for a in area_list}

    text_fields = ("outcome", "description", "action_lead", "council_lead", "nhs_lead",
                   "senior_responsible_officer", "measures_of_success", "progress")
    action_list = _sync(
        Action.objects.filter(area__plan=plan),
        [{"area_id": areas[v["area"]].pk, "reference": v["reference"],
          **{n: _blank(v[n]) for n in text_fields},
          "start_date": v["start_date"], "due_date": v["due_date"],
          "status": v["status"] or "not_started"} for v in r[ACTIONS.name]],
        lambda o: (o.reference,), lambda f: Action.objects.create(**f))
    actions = {a.reference: a for a in action_list}

    _sync(Milestone.objects.filter(action__area__plan=plan),
          [{"action_id": actions[v["action"]].pk, "title": v["title"],
            "due_date": v["due_date"], "completed_date": v["completed_date"]}
           for v in r[MILESTONES.name]],
          lambda o: (o.action_id, o.title, o.due_date),
          lambda f: Milestone.objects.create(**f))

    def owner(v) -> dict[str, Any]:
        return {"area_id": areas[v["area"]].pk if v["area"] is not None else None,
                "action_id": actions[v["action"]].pk if v["action"] else None}

    measure_list = _sync(
        MeasureLink.objects.filter(area__plan=plan) | MeasureLink.objects.filter(
            action__area__plan=plan),
        [{**owner(v), "section": v["section"], "kpi": v["kpi"],
          "breakdown": _blank(v["breakdown"]), "period_kind": _blank(v["period"]),
          "baseline_period": _blank(v["baseline_period"]), "direction": v["direction"],
          **{n: v[n] for n in ("baseline_value", "baseline_date", "target_value",
                               "target_date")}} for v in r[MEASURES.name]],
        lambda o: (o.area_id, o.action_id, o.section, o.kpi, o.breakdown),
        lambda f: MeasureLink.objects.create(**f))
    measures = {v["measure"]: m for v, m in zip(r[MEASURES.name], measure_list, strict=True)}

    _sync(MeasureMilestone.objects.filter(measure__in=measure_list),
          [{"measure_id": measures[v["measure"]].pk, "due_date": v["due_date"],
            "target_value": v["target_value"]} for v in r[MEASURE_MILESTONES.name]],
          lambda o: (o.measure_id, o.due_date),
          lambda f: MeasureMilestone.objects.create(**f))

    _sync(RagRating.objects.filter(area__plan=plan) | RagRating.objects.filter(
              action__area__plan=plan),
          [{**owner(v), "review_date": v["review_date"], "rating": v["rating"],
            "suggested": _blank(v["suggested"]), "rationale": _blank(v["rationale"]),
            "set_by_name": _blank(v["set_by"])} for v in r[RATINGS.name]],
          lambda o: (o.area_id, o.action_id, o.review_date, o.rating, o.suggested,
                     o.rationale, o.set_by_name),
          lambda f: RagRating.objects.create(**f))

    request_list = _sync(
        plan.evidence_requests.all(),
        [{"area_id": areas[v["area"]].pk, "text": v["text"], "letter_date": v["letter_date"],
          "due_review": v["due_review"], "owner": _blank(v["owner"]),
          "status": v["status"] or "open", "response": _blank(v["response"])}
         for v in r[EVIDENCE_REQUESTS.name]],
        lambda o: (o.area_id, o.text),
        lambda f: EvidenceRequest.objects.create(plan=plan, **f))
    for request, v in zip(request_list, r[EVIDENCE_REQUESTS.name], strict=True):
        request.measures.set([measures[k] for k in v["measures"] or []])
    return plan


# --- reading a stored plan back ---------------------------------------------------------

def _ref_key(reference: str) -> tuple:
    return tuple(int(n) if n.isdigit() else n for n in re.split(r"(\d+)", reference))


def _none(value):
    return value if value not in ("", None) else None


def records_of(plan: Plan) -> Records:
    """The plan as template records, in a stable order (the export's order)."""
    areas = list(plan.areas.order_by("number"))
    actions = sorted(Action.objects.filter(area__plan=plan).select_related("area"),
                     key=lambda a: (a.area.number, _ref_key(a.reference), a.pk))
    position = {a.pk: i for i, a in enumerate(actions)}
    area_number = {a.pk: a.number for a in areas}
    reference = {a.pk: a.reference for a in actions}

    def owner_key(o) -> tuple:
        if o.action_id:
            return (area_number[actions[position[o.action_id]].area_id], 1,
                    position[o.action_id])
        return (area_number[o.area_id], 0, 0)

    def owner(o) -> dict[str, Any]:
        return {"area": area_number[o.area_id] if o.area_id else None,
                "action": reference[o.action_id] if o.action_id else None}

    r: Records = {PLAN.name: [{
        "la": plan.la, "title": plan.title, "plan_type": plan.plan_type,
        "start_date": plan.start_date, "end_date": plan.end_date,
        "review_cycle_months": plan.review_cycle_months,
    }]}
    r[REVIEWS.name] = [{"date": v.date, "label": _none(v.label)}
                       for v in plan.reviews.order_by("date")]
    r[AREAS.name] = [{"number": a.number, "title": a.title,
                      "description": _none(a.description)} for a in areas]
    r[ACTIONS.name] = [{
        "area": a.area.number, "reference": a.reference, "outcome": _none(a.outcome),
        "description": a.description, "action_lead": _none(a.action_lead),
        "council_lead": _none(a.council_lead), "nhs_lead": _none(a.nhs_lead),
        "senior_responsible_officer": _none(a.senior_responsible_officer),
        "start_date": a.start_date, "due_date": a.due_date,
        "measures_of_success": _none(a.measures_of_success), "status": a.status,
        "progress": _none(a.progress),
    } for a in actions]
    milestones = sorted(Milestone.objects.filter(action__area__plan=plan),
                        key=lambda m: (position[m.action_id], m.due_date, m.title, m.pk))
    r[MILESTONES.name] = [{"action": reference[m.action_id], "title": m.title,
                           "due_date": m.due_date, "completed_date": m.completed_date}
                          for m in milestones]
    links = sorted(set(MeasureLink.objects.filter(area__plan=plan))
                   | set(MeasureLink.objects.filter(action__area__plan=plan)),
                   key=lambda m: (owner_key(m), m.pk))
    keys = {m.pk: f"M{i}" for i, m in enumerate(links, start=1)}
    r[MEASURES.name] = [{
        "measure": keys[m.pk], **owner(m), "section": m.section, "kpi": m.kpi,
        "breakdown": _none(m.breakdown), "period": _none(m.period_kind),
        "direction": m.direction, "baseline_value": m.baseline_value,
        "baseline_date": m.baseline_date, "baseline_period": _none(m.baseline_period),
        "target_value": m.target_value, "target_date": m.target_date,
    } for m in links]
    order = {m.pk: i for i, m in enumerate(links)}
    r[MEASURE_MILESTONES.name] = [
        {"measure": keys[mm.measure_id], "due_date": mm.due_date,
         "target_value": mm.target_value}
        for mm in sorted(MeasureMilestone.objects.filter(measure__in=links),
                         key=lambda mm: (order[mm.measure_id], mm.due_date))
    ]
    ratings = sorted(set(RagRating.objects.filter(area__plan=plan))
                     | set(RagRating.objects.filter(action__area__plan=plan)),
                     key=lambda g: (g.review_date, owner_key(g), g.pk))
    r[RATINGS.name] = [{
        **owner(g), "review_date": g.review_date, "rating": g.rating,
        "suggested": _none(g.suggested), "rationale": _none(g.rationale),
        "set_by": _none(g.set_by_name),
    } for g in ratings]
    requests = sorted(plan.evidence_requests.all(),
                      key=lambda q: (area_number[q.area_id], q.pk))
    r[EVIDENCE_REQUESTS.name] = [{
        "area": area_number[q.area_id], "text": q.text, "letter_date": q.letter_date,
        "due_review": q.due_review, "owner": _none(q.owner), "status": q.status,
        "response": _none(q.response),
        "measures": sorted((keys[m.pk] for m in q.measures.all() if m.pk in keys),
                           key=_ref_key) or None,
    } for q in requests]
    return r
