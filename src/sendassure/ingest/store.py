"""Upsert the usable records of one return, in batches, inside the import's transaction.

Persons are matched by ``privacy.match_key``; requests by person and ``ReceivedDate``
(historical ``H`` requests by person and plan start date). A record from a return with
a later or equal ``ReferenceDate`` replaces what is stored; an older return never
overwrites a newer one; an identical request is left as it is.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from datetime import date

from sendassure.casework import models as m

from . import convert
from .privacy import match_key
from .records import Person, Request


def request_digest(request: Request) -> str:
    """A hash of everything a request says, to tell a changed request from the same one."""

    def plain(record):
        return None if record is None else dict(sorted(record.fields.items()))

    assessment = request.assessment
    plan = assessment.named_plan if assessment else None
    active = request.active_plan
    content = [
        plain(request),
        plain(assessment),
        plain(plan),
        [plain(d) for d in plan.plan_details] if plan else [],
        plain(active),
        [plain(p) for p in active.placements] if active else [],
        [plain(n) for n in active.sen_needs] if active else [],
    ]
    return hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()


class Store:
    BATCH = 1000

    def __init__(self, la: str, run, reference_date: date, key: bytes) -> None:
        self.la, self.run, self.reference_date, self.key = la, run, reference_date, key
        self.stored: Counter[str] = Counter()
        self.changes: Counter[str] = Counter()
        self._pending: list[tuple[Person, list[Request]]] = []
        self._persons = {
            k: (pk, ref)
            for pk, k, ref in m.Person.objects.filter(la=la).values_list(
                "id", "match_key", "reference_date"
            )
        }
        self._requests = {}
        for pk, person_id, historical, match_date, digest, ref in m.Request.objects.filter(
            la=la
        ).values_list("id", "person_id", "historical", "match_date", "digest", "reference_date"):
            self._requests[(person_id, historical, match_date or "d:" + digest)] = (pk, digest, ref)
        # Non-historical requests by (person, plan StartDate): a later return reports the
        # same plan as a historical ``H`` request, which must update this case, not add one.
        self._plans: dict[tuple, list] = {}
        for pk, person_id, start, ref in (
            m.Request.objects.filter(la=la, historical=False,
                                     assessment__named_plan__start_date__isnull=False)
            .values_list("id", "person_id", "assessment__named_plan__start_date",
                         "reference_date")
        ):
            self._plans[(person_id, start)] = [pk, ref]

    def person_key(self, person: Person) -> str:
        return match_key(person.fields, self.key)

    def request_key(self, person_id: int, request: Request) -> tuple:
        historical, match_date = convert.request_match(request)
        return (person_id, historical, match_date or "d:" + request_digest(request))

    def add(self, person: Person, requests: list[Request]) -> None:
        self._pending.append((person, requests))
        if len(self._pending) >= self.BATCH:
            self.flush()

    def flush(self) -> None:
        if not self._pending:
            return
        pending, self._pending = self._pending, []
        person_ids = self._store_persons([p for p, _ in pending])
        self._store_requests(
            [
                (pid, r)
                for pid, (_, requests) in zip(person_ids, pending, strict=True)
                for r in requests
            ]
        )

    # ----------------------------------------------------------------- persons
    def _store_persons(self, persons: list[Person]) -> list[int]:
        ids: list[int | None] = []
        new: list[tuple[int, m.Person, Person]] = []
        updated: list[m.Person] = []
        seen_new: dict[str, int] = {}
        for person in persons:
            key = self.person_key(person)
            self.stored["person"] += 1
            if key in self._persons:
                pk, ref = self._persons[key]
                ids.append(pk)
                if self.reference_date >= ref:
                    updated.append(m.Person(id=pk, **self._person_row(person, key)))
                    self._persons[key] = (pk, self.reference_date)
            elif key in seen_new:  # the same child twice in one batch: one person
                ids.append(None)
                new.append((len(ids) - 1, None, person))
            else:
                ids.append(None)
                row = m.Person(**self._person_row(person, key))
                seen_new[key] = len(new)
                new.append((len(ids) - 1, row, person))
        created = m.Person.objects.bulk_create([row for _, row, _ in new if row is not None])
        by_key = {}
        for row in created:
            self._persons[row.match_key] = (row.id, self.reference_date)
            by_key[row.match_key] = row.id
        for index, _row, person in new:
            ids[index] = by_key[self.person_key(person)]
        self.changes["persons_created"] += len(created)
        self.changes["persons_updated"] += len(updated)
        if updated:
            m.Person.objects.bulk_update(
                updated,
                [
                    "sex",
                    "birth_month",
                    "ethnicity",
                    "postcode_district",
                    "upn_unknown",
                    "import_run",
                    "reference_date",
                ],
            )
            m.PersonIdentity.objects.filter(person_id__in=[p.id for p in updated]).delete()
        refreshed = {p.id for p in updated} | set(by_key.values())
        identities, done = [], set()
        for pid, person in zip(ids, persons, strict=True):
            if pid in refreshed and pid not in done:
                done.add(pid)
                identities.append(
                    m.PersonIdentity(person_id=pid, **convert.identity_fields(person))
                )
        m.PersonIdentity.objects.bulk_create(identities)
        return ids

    def _person_row(self, person: Person, key: str) -> dict:
        return {
            "la": self.la,
            "import_run": self.run,
            "reference_date": self.reference_date,
            "match_key": key,
            **convert.person_fields(person),
        }

    # ---------------------------------------------------------------- requests
    def _store_requests(self, items: list[tuple[int, Request]]) -> None:
        fresh: list[tuple[m.Request, Request]] = []
        replaced: list[tuple[m.Request, Request]] = []
        merged: list[tuple[int, Request]] = []
        touched: list[int] = []
        for person_id, request in items:
            self._count_modules(request)
            digest = request_digest(request)
            historical, match_date = convert.request_match(request)
            key = (person_id, historical, match_date or "d:" + digest)
            case = self._plans.get((person_id, match_date)) if historical and match_date else None
            if case is not None and key not in self._requests:
                # The plan of a case we hold, reported again as historical: update its plan.
                if case[0] is None:
                    self.changes["requests_repeated"] += 1
                elif self.reference_date >= case[1]:
                    merged.append((case[0], request))
                    case[1] = self.reference_date
                else:
                    self.changes["requests_skipped_older"] += 1
                continue
            row = m.Request(
                la=self.la,
                import_run=self.run,
                reference_date=self.reference_date,
                person_id=person_id,
                historical=historical,
                match_date=match_date,
                digest=digest,
                **convert.request_fields(request),
            )
            existing = self._requests.get(key)
            if existing is None:
                fresh.append((row, request))
                self._requests[key] = (None, digest, self.reference_date)
                start = convert.plan_start(request)
                if not historical and start is not None:
                    self._plans.setdefault((person_id, start), [None, self.reference_date])
                continue
            pk, stored_digest, stored_ref = existing
            if pk is None:  # the same request twice in one return: the first one stands
                self.changes["requests_repeated"] += 1
            elif stored_digest == digest:
                self.changes["requests_unchanged"] += 1
                if self.reference_date > stored_ref:
                    touched.append(pk)
            elif self.reference_date >= stored_ref:
                row.id = pk
                replaced.append((row, request))
                self._requests[key] = (pk, digest, self.reference_date)
            else:
                self.changes["requests_skipped_older"] += 1
        created = m.Request.objects.bulk_create([row for row, _ in fresh])
        for row, request in zip(created, (r for _, r in fresh), strict=True):
            key = (row.person_id, row.historical, row.match_date or "d:" + row.digest)
            self._requests[key] = (row.id, row.digest, self.reference_date)
            start = convert.plan_start(request)
            if not row.historical and start is not None:
                self._plans[(row.person_id, start)][0] = row.id
        self.changes["requests_created"] += len(created)
        if touched:
            m.Request.objects.filter(id__in=touched).update(
                reference_date=self.reference_date, import_run=self.run
            )
        if replaced:
            ids = [row.id for row, _ in replaced]
            m.Assessment.objects.filter(request_id__in=ids).delete()
            m.ActivePlan.objects.filter(request_id__in=ids).delete()
            m.Request.objects.bulk_update(
                [row for row, _ in replaced],
                [
                    "import_run",
                    "reference_date",
                    "digest",
                    *convert.request_fields(replaced[0][1]).keys(),
                ],
            )
            self.changes["requests_updated"] += len(replaced)
        self._store_children(fresh + replaced)
        if merged:
            self._merge_historical(merged)

    def _merge_historical(self, merged: list[tuple[int, Request]]) -> None:
        """Update held cases from their plan's historical (``H``) report: the named plan
        (cease date and reason) and the active plan; the request and its assessment, which
        the H record does not describe, are kept."""
        ids = [pk for pk, _ in merged]
        m.ActivePlan.objects.filter(request_id__in=ids).delete()
        assessment_of = dict(
            m.Assessment.objects.filter(request_id__in=ids).values_list("request_id", "id")
        )
        with_plan = [(assessment_of[pk], r) for pk, r in merged
                     if pk in assessment_of and r.assessment and r.assessment.named_plan]
        m.NamedPlan.objects.filter(assessment_id__in=[a for a, _ in with_plan]).delete()
        self._create_named_plans([(a, r.assessment.named_plan) for a, r in with_plan])
        self._create_active_plans([(pk, r.active_plan) for pk, r in merged if r.active_plan])
        m.Request.objects.filter(id__in=ids).update(
            reference_date=self.reference_date, import_run=self.run
        )
        self.changes["requests_updated_from_historical"] += len(merged)

    def _count_modules(self, request: Request) -> None:
        self.stored["request"] += 1
        if request.assessment:
            self.stored["assessment"] += 1
            if request.assessment.named_plan:
                self.stored["named_plan"] += 1
                self.stored["plan_detail"] += len(request.assessment.named_plan.plan_details)
        if request.active_plan:
            self.stored["active_plan"] += 1
            self.stored["placement"] += len(request.active_plan.placements)
            self.stored["sen_need"] += len(request.active_plan.sen_needs)

    def _store_children(self, rows: list[tuple[m.Request, Request]]) -> None:
        with_assessment = [(row, r) for row, r in rows if r.assessment is not None]
        assessments = m.Assessment.objects.bulk_create(
            [m.Assessment(request_id=row.id, **convert.assessment_fields(r.assessment))
             for row, r in with_assessment]
        )
        self._create_named_plans([
            (a.id, r.assessment.named_plan)
            for a, (_, r) in zip(assessments, with_assessment, strict=True)
            if r.assessment.named_plan is not None
        ])
        self._create_active_plans(
            [(row.id, r.active_plan) for row, r in rows if r.active_plan is not None]
        )

    def _create_named_plans(self, pairs: list[tuple[int, object]]) -> None:
        plans = m.NamedPlan.objects.bulk_create(
            [m.NamedPlan(assessment_id=a, **convert.named_plan_fields(p)) for a, p in pairs]
        )
        m.PlanDetail.objects.bulk_create(
            [m.PlanDetail(named_plan_id=plan.id, **convert.plan_detail_fields(d))
             for plan, (_, p) in zip(plans, pairs, strict=True) for d in p.plan_details]
        )

    def _create_active_plans(self, pairs: list[tuple[int, object]]) -> None:
        actives = m.ActivePlan.objects.bulk_create(
            [m.ActivePlan(request_id=pk, **convert.active_plan_fields(a)) for pk, a in pairs]
        )
        done = list(zip(actives, (a for _, a in pairs), strict=True))
        m.PlacementDetail.objects.bulk_create(
            [m.PlacementDetail(active_plan_id=ap.id, **convert.placement_fields(p))
             for ap, a in done for p in a.placements]
        )
        m.SenNeed.objects.bulk_create(
            [m.SenNeed(active_plan_id=ap.id, **convert.sen_need_fields(n))
             for ap, a in done for n in a.sen_needs]
        )
        m.Review.objects.bulk_create(
            [m.Review(active_plan_id=ap.id, **fields) for ap, a in done
             if (fields := convert.review_fields(a))]
        )
        m.PhaseTransfer.objects.bulk_create(
            [m.PhaseTransfer(active_plan_id=ap.id, **fields) for ap, a in done
             if (fields := convert.phase_transfer_fields(a))]
        )
