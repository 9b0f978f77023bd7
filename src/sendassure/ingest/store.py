"""Upsert the usable records of one return, in batches, inside the import's transaction.

Persons are matched by ``privacy.match_key``; requests by person and ``ReceivedDate``
(historical ``H`` requests by person and plan start date). A record from a return with
a later or equal ``ReferenceDate`` replaces what is stored; an older return never
overwrites a newer one; an identical request is left as it is.

Memory stays flat whatever the size of the area: each batch looks up only its own
persons (by match key) and their requests (by person), so nothing of the area is
preloaded. New rows are written as plain tuples with one multi-row ``INSERT`` per table
and chunk (``RETURNING`` gives the ids of parents), not through model instances; the
rarer update paths (a later return replacing a request, an ``H`` merge) still delete
through the ORM so that any cascade Django knows of is honoured. See
``docs/adr/0004-import-performance.md``.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections import Counter
from datetime import date

from django.db import connection

from sendassure.casework import models as m

from . import convert
from .privacy import match_key
from .records import Person, Request

_json = json.JSONEncoder(sort_keys=True).encode


def request_digest(request: Request) -> str:
    """A hash of everything a request says, to tell a changed request from the same one."""

    # ``sort_keys`` orders every dict, so the fields need no sorting of their own.
    def plain(record):
        return None if record is None else record.fields

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
    if request.exclusions:  # what it is barred from (a later return may lift it)
        content.append({code: sorted(s) for code, s in request.exclusions.items()})
    return hashlib.sha256(_json(content).encode()).hexdigest()


class _Table:
    """Raw INSERTs into one model's table; columns from the model's ``_meta`` (field names
    as ``convert`` and the model spell them), so they stay in sync.

    SQLite: rows whose ids are needed go in multi-row ``INSERT ... RETURNING``
    statements of a few fixed sizes (``ROWS``, then halves down to 1 for the rest): its
    driver keeps every distinct statement it prepares (about 2 KB a row of VALUES), so
    one statement per remainder size would grow that cache with the import. Other rows
    go through ``executemany`` (one small prepared statement).

    PostgreSQL: ``COPY``; the ids of new parents are taken from the table's own
    sequence first (``nextval``, safe under concurrency), then copied with the rows.
    Any other database: the same multi-row statements as SQLite.
    """

    ROWS = 64

    def __init__(self, model, fields: list[str], returning: tuple[str, ...] = ()) -> None:
        meta = model._meta
        quote = connection.ops.quote_name
        self.sqlite = connection.vendor == "sqlite"
        self.copy = connection.vendor == "postgresql"
        columns = [meta.get_field(f).column for f in fields]
        self.table, self.pk = meta.db_table, meta.pk.column
        self.copy_sql = (
            f"COPY {quote(meta.db_table)} ("
            + ", ".join(quote(c) for c in ([meta.pk.column] if returning else []) + columns)
            + ") FROM STDIN"
        )
        self._sequence: str | None = None
        self.head = (
            f"INSERT INTO {quote(meta.db_table)} ("
            + ", ".join(quote(c) for c in columns)
            + ") VALUES "
        )
        self.returning = (
            " RETURNING " + ", ".join(quote(meta.get_field(f).column) for f in returning)
            if returning else ""
        )
        # Without INSERT ... RETURNING (SQLite before 3.35), rows go one at a time and the
        # id comes from ``lastrowid``; the other returned columns are the row's own.
        self.one_by_one = bool(returning) and not connection.features.can_return_columns_from_insert
        self.key_positions = [fields.index(f) for f in returning if f != "id"]
        self.row_sql = "(" + ", ".join(["?" if self.sqlite else "%s"] * len(fields)) + ")"
        largest = 1
        while largest * 2 <= min(self.ROWS, _parameter_limit() // len(fields)):
            largest *= 2
        self.largest = largest
        self._sql: dict[int, str] = {}

    def _statement(self, rows: int) -> str:
        sql = self._sql.get(rows)
        if sql is None:
            sql = self._sql[rows] = (
                self.head + ", ".join([self.row_sql] * rows) + self.returning
            )
        return sql

    def _chunks(self, rows: list[tuple]):
        """``rows`` cut into pieces of ``largest`` rows, then of halves of it, down to 1."""
        start, size, total = 0, self.largest, len(rows)
        while start < total:
            while total - start < size:
                size //= 2
            yield rows[start: start + size]
            start += size

    def insert(self, rows: list[tuple]) -> list[tuple]:
        """Insert ``rows``; with ``returning``, the returned columns of every new row
        (in no promised order: callers match them by the columns they asked for)."""
        out: list[tuple] = []
        if not rows:
            return out
        connection.ensure_connection()
        with connection.wrap_database_errors:
            cursor = _raw_cursor()
            try:
                if self.copy:
                    out = self._copy(cursor, rows)
                elif self.one_by_one:
                    sql = self.head + self.row_sql
                    for row in rows:
                        cursor.execute(sql, row)
                        out.append((*(row[i] for i in self.key_positions), cursor.lastrowid))
                elif self.sqlite and not self.returning:
                    cursor.executemany(self.head + self.row_sql, rows)
                else:
                    for chunk in self._chunks(rows):
                        params = [value for row in chunk for value in row]
                        cursor.execute(self._statement(len(chunk)), params)
                        if self.returning:
                            out.extend(cursor.fetchall())
            finally:
                cursor.close()
        return out

    def _copy(self, cursor, rows: list[tuple]) -> list[tuple]:
        out: list[tuple] = []
        if self.returning:
            if self._sequence is None:
                cursor.execute("SELECT pg_get_serial_sequence(%s, %s)",
                               [connection.ops.quote_name(self.table), self.pk])
                self._sequence = cursor.fetchone()[0]
            cursor.execute(
                "SELECT nextval(%s) FROM generate_series(1, %s) ORDER BY 1",
                [self._sequence, len(rows)],
            )
            ids = [pk for (pk,) in cursor.fetchall()]
            positions = self.key_positions
            out = [(*(row[i] for i in positions), pk) for pk, row in zip(ids, rows, strict=True)]
            rows = [(pk, *row) for pk, row in zip(ids, rows, strict=True)]
        with cursor.copy(self.copy_sql) as copy:
            for row in rows:
                copy.write_row(row)
        return out


def _parameter_limit() -> int:
    """How many ``?``/``%s`` parameters one statement may carry."""
    if connection.vendor == "sqlite":
        # Django assumes SQLite's old default of 999; the library says what it allows.
        connection.ensure_connection()
        return connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    return connection.features.max_query_params or 30_000


def _raw_cursor():
    """A DB-API cursor without Django's per-call query rewriting (SQLite: ``?`` style)."""
    if connection.vendor == "sqlite":
        return sqlite3.Cursor(connection.connection)
    return connection.connection.cursor()


def _execute_many(sql: str, rows: list[tuple]) -> None:
    """One statement (``%s`` placeholders) for each row, through Django's cursor."""
    if rows:
        with connection.cursor() as cursor:
            cursor.executemany(sql, rows)


class Store:
    BATCH = 1000

    def __init__(self, la: str, run, reference_date: date, key: bytes) -> None:
        self.la, self.run, self.reference_date, self.key = la, run, reference_date, key
        self.stored: Counter[str] = Counter()
        self.changes: Counter[str] = Counter()
        self._pending: list[tuple[Person, list[Request]]] = []
        # Plan StartDate a held request had when this import first met it, for the few
        # requests whose plan start this import has since changed (replaced by a later
        # return, or merged from an ``H``): the ``H`` matching keeps seeing that first
        # StartDate for the rest of the import, as when every plan was preloaded.
        self._first_start: dict[int, date | None] = {}
        self._tables: dict[str, _Table] = {}
        self._person_update_sql: str | None = None

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

    def _table(self, name: str, model, fields, returning: tuple[str, ...] = ()) -> _Table:
        table = self._tables.get(name)
        if table is None:
            table = self._tables[name] = _Table(model, list(fields), returning)
        return table

    # ----------------------------------------------------------------- persons
    def _store_persons(self, persons: list[Person]) -> list[int]:
        keys = [self.person_key(person) for person in persons]
        known = {
            k: (pk, ref)
            for k, pk, ref in m.Person.objects.filter(la=self.la, match_key__in=set(keys))
            .values_list("match_key", "id", "reference_date")
        }
        ids: list[int | None] = []
        new: list[tuple[int, tuple | None, str]] = []
        updated: list[tuple] = []
        seen_new: set[str] = set()
        run_id, reference_date = self.run.id, self.reference_date
        for person, key in zip(persons, keys, strict=True):
            self.stored["person"] += 1
            if key in known:
                pk, ref = known[key]
                ids.append(pk)
                if reference_date >= ref:
                    fields = convert.person_fields(person)
                    updated.append((*fields.values(), run_id, reference_date, pk))
                    known[key] = (pk, reference_date)
            elif key in seen_new:  # the same child twice in one batch: one person
                ids.append(None)
                new.append((len(ids) - 1, None, key))
            else:
                ids.append(None)
                fields = convert.person_fields(person)
                seen_new.add(key)
                new.append((
                    len(ids) - 1,
                    (self.la, run_id, reference_date, key, *fields.values()),
                    key,
                ))
        rows = [row for _, row, _ in new if row is not None]
        created = []
        if rows:
            table = self._table(
                "person", m.Person,
                ["la", "import_run", "reference_date", "match_key",
                 *convert.person_fields(persons[0]).keys()],
                returning=("match_key", "id"),
            )
            created = table.insert(rows)
        by_key = dict(created)
        for index, _row, key in new:
            ids[index] = by_key[key]
        self.changes["persons_created"] += len(created)
        self.changes["persons_updated"] += len(updated)
        updated_ids = {row[-1] for row in updated}
        if updated:
            self._update_persons(updated)
            m.PersonIdentity.objects.filter(person_id__in=updated_ids).delete()
        refreshed = updated_ids | set(by_key.values())
        identities, done = [], set()
        for pid, person in zip(ids, persons, strict=True):
            if pid in refreshed and pid not in done:
                done.add(pid)
                identities.append((pid, *convert.identity_fields(person).values()))
        if identities:
            self._table(
                "identity", m.PersonIdentity,
                ["person", *convert.identity_fields(persons[0]).keys()],
            ).insert(identities)
        return ids  # type: ignore[return-value]

    def _update_persons(self, rows: list[tuple]) -> None:
        """Write updated persons (rows end with the id). A person given twice in one
        return keeps its first row, as a repeated request does."""
        meta = m.Person._meta
        names = [*convert.person_fields(Person(location="")).keys(),
                 "import_run", "reference_date"]
        final: dict[int, tuple] = {}
        for row in rows:
            final.setdefault(row[-1], row)
        if self._person_update_sql is None:
            quote = connection.ops.quote_name
            assignments = ", ".join(
                f"{quote(meta.get_field(n).column)} = %s" for n in names
            )
            self._person_update_sql = (
                f"UPDATE {quote(meta.db_table)} SET {assignments} "
                f"WHERE {quote(meta.pk.column)} = %s"
            )
        _execute_many(self._person_update_sql, list(final.values()))

    # ---------------------------------------------------------------- requests
    def _held(self, person_ids: set[int]) -> tuple[dict, dict, dict]:
        """What is stored for the batch's persons: requests by match key, non-historical
        requests by (person, plan StartDate), and each request's plan StartDate."""
        requests: dict[tuple, tuple] = {}
        plans: dict[tuple, list] = {}
        starts: dict[int, date | None] = {}
        held = (
            m.Request.objects.filter(la=self.la, person_id__in=person_ids)
            .order_by("id")
            .values_list("id", "person_id", "historical", "match_date", "digest",
                         "reference_date", "assessment__named_plan__start_date")
        )
        first_start = self._first_start
        for pk, person_id, historical, match_date, digest, ref, start in held:
            requests[(person_id, historical, match_date or "d:" + digest)] = (pk, digest, ref)
            starts[pk] = start
            if not historical:
                start = first_start.get(pk, start)
                if start is not None:
                    plans[(person_id, start)] = [pk, ref]
        return requests, plans, starts

    def _start_changes(self, pk: int, before: date | None, after: date | None) -> None:
        if before != after and pk not in self._first_start:
            self._first_start[pk] = before

    def _store_requests(self, items: list[tuple[int, Request]]) -> None:
        held, plans, starts = self._held({pid for pid, _ in items})
        fresh: list[tuple[tuple, Request]] = []
        replaced: list[tuple[int, tuple, Request]] = []
        merged: list[tuple[int, Request]] = []
        touched: list[int] = []
        run_id, reference_date = self.run.id, self.reference_date
        for person_id, request in items:
            self.stored.update(request.module_counts())
            digest = request_digest(request)
            historical, match_date = convert.request_match(request)
            key = (person_id, historical, match_date or "d:" + digest)
            case = plans.get((person_id, match_date)) if historical and match_date else None
            if case is not None and key not in held:
                # The plan of a case we hold, reported again as historical: update its plan.
                if case[0] is None:
                    self.changes["requests_repeated"] += 1
                elif reference_date >= case[1]:
                    merged.append((case[0], request))
                    case[1] = reference_date
                else:
                    self.changes["requests_skipped_older"] += 1
                continue
            existing = held.get(key)
            if existing is None:
                fields = convert.request_fields(request)
                fresh.append(((self.la, run_id, reference_date, person_id, historical,
                               match_date, digest, *fields.values()), request))
                held[key] = (None, digest, reference_date)
                start = convert.plan_start(request)
                if not historical and start is not None:
                    plans.setdefault((person_id, start), [None, reference_date])
                continue
            pk, stored_digest, stored_ref = existing
            if pk is None:  # the same request twice in one return: the first one stands
                self.changes["requests_repeated"] += 1
            elif stored_digest == digest:
                self.changes["requests_unchanged"] += 1
                if reference_date > stored_ref:
                    touched.append(pk)
            elif reference_date >= stored_ref:
                fields = convert.request_fields(request)
                replaced.append((pk, (run_id, reference_date, digest, *fields.values(), pk),
                                 request))
                held[key] = (pk, digest, reference_date)
                self._start_changes(pk, starts.get(pk), convert.plan_start(request))
            else:
                self.changes["requests_skipped_older"] += 1
        created_ids = self._create_requests(fresh)
        for pk, (row, request) in zip(created_ids, fresh, strict=True):
            start = convert.plan_start(request)
            if not row[4] and start is not None:
                plans[(row[3], start)][0] = pk
        self.changes["requests_created"] += len(created_ids)
        if touched:
            m.Request.objects.filter(id__in=touched).update(
                reference_date=reference_date, import_run=self.run
            )
        if replaced:
            ids = [pk for pk, _, _ in replaced]
            m.Assessment.objects.filter(request_id__in=ids).delete()
            m.ActivePlan.objects.filter(request_id__in=ids).delete()
            self._update_requests([row for _, row, _ in replaced])
            self.changes["requests_updated"] += len(replaced)
        self._store_children(
            list(zip(created_ids, (r for _, r in fresh), strict=True))
            + [(pk, r) for pk, _, r in replaced]
        )
        if merged:
            self._merge_historical(merged, starts)

    def _create_requests(self, fresh: list[tuple[tuple, Request]]) -> list[int]:
        """Insert the new requests; their ids in the order given."""
        if not fresh:
            return []
        table = self._table(
            "request", m.Request,
            ["la", "import_run", "reference_date", "person", "historical", "match_date",
             "digest", *convert.request_fields(fresh[0][1]).keys()],
            returning=("person", "digest", "id"),
        )
        # Within one batch a new request is unique by (person, digest): the digest
        # covers everything its match key is made of.
        ids = {(person_id, digest): pk for person_id, digest, pk in
               table.insert([row for row, _ in fresh])}
        return [ids[(row[3], row[6])] for row, _ in fresh]

    def _update_requests(self, rows: list[tuple]) -> None:
        meta, quote = m.Request._meta, connection.ops.quote_name
        names = ["import_run", "reference_date", "digest",
                 *convert.request_fields(Request(location="")).keys()]
        assignments = ", ".join(f"{quote(meta.get_field(n).column)} = %s" for n in names)
        _execute_many(
            f"UPDATE {quote(meta.db_table)} SET {assignments} "
            f"WHERE {quote(meta.pk.column)} = %s",
            rows,
        )

    def _merge_historical(self, merged: list[tuple[int, Request]], starts: dict) -> None:
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
        for pk, r in merged:
            if pk in assessment_of and r.assessment and r.assessment.named_plan:
                self._start_changes(pk, starts.get(pk), convert.plan_start(r))
        m.NamedPlan.objects.filter(assessment_id__in=[a for a, _ in with_plan]).delete()
        self._create_named_plans([(a, r.assessment.named_plan) for a, r in with_plan])
        self._create_active_plans([(pk, r.active_plan) for pk, r in merged if r.active_plan])
        m.Request.objects.filter(id__in=ids).update(
            reference_date=self.reference_date, import_run=self.run
        )
        self.changes["requests_updated_from_historical"] += len(merged)

    def _store_children(self, rows: list[tuple[int, Request]]) -> None:
        with_assessment = [(pk, r.assessment) for pk, r in rows if r.assessment is not None]
        if with_assessment:
            table = self._table(
                "assessment", m.Assessment,
                ["request", *convert.assessment_fields(with_assessment[0][1]).keys()],
                returning=("request", "id"),
            )
            made = dict(table.insert([
                (pk, *convert.assessment_fields(a).values()) for pk, a in with_assessment
            ]))
            self._create_named_plans([
                (made[pk], a.named_plan) for pk, a in with_assessment
                if a.named_plan is not None
            ])
        self._create_active_plans(
            [(pk, r.active_plan) for pk, r in rows if r.active_plan is not None]
        )

    def _create_named_plans(self, pairs: list[tuple[int, object]]) -> None:
        if not pairs:
            return
        table = self._table(
            "named_plan", m.NamedPlan,
            ["assessment", *convert.named_plan_fields(pairs[0][1]).keys()],
            returning=("assessment", "id"),
        )
        made = dict(table.insert([
            (a, *convert.named_plan_fields(p).values()) for a, p in pairs
        ]))
        details = [(made[a], d) for a, p in pairs for d in p.plan_details]
        if details:
            self._table(
                "plan_detail", m.PlanDetail,
                ["named_plan", *convert.plan_detail_fields(details[0][1]).keys()],
            ).insert([(plan, *convert.plan_detail_fields(d).values()) for plan, d in details])

    def _create_active_plans(self, pairs: list[tuple[int, object]]) -> None:
        if not pairs:
            return
        table = self._table(
            "active_plan", m.ActivePlan,
            ["request", *convert.active_plan_fields(pairs[0][1]).keys()],
            returning=("request", "id"),
        )
        made = dict(table.insert([
            (pk, *convert.active_plan_fields(a).values()) for pk, a in pairs
        ]))
        done = [(made[pk], a) for pk, a in pairs]
        placements = [(ap, p) for ap, a in done for p in a.placements]
        if placements:
            self._table(
                "placement", m.PlacementDetail,
                ["active_plan", *convert.placement_fields(placements[0][1]).keys()],
            ).insert([(ap, *convert.placement_fields(p).values()) for ap, p in placements])
        needs = [(ap, n) for ap, a in done for n in a.sen_needs]
        if needs:
            self._table(
                "sen_need", m.SenNeed,
                ["active_plan", *convert.sen_need_fields(needs[0][1]).keys()],
            ).insert([(ap, *convert.sen_need_fields(n).values()) for ap, n in needs])
        reviews = [(ap, fields) for ap, a in done if (fields := convert.review_fields(a))]
        if reviews:
            self._table(
                "review", m.Review, ["active_plan", *reviews[0][1].keys()],
            ).insert([(ap, *fields.values()) for ap, fields in reviews])
        transfers = [(ap, fields) for ap, a in done
                     if (fields := convert.phase_transfer_fields(a))]
        if transfers:
            self._table(
                "phase_transfer", m.PhaseTransfer, ["active_plan", *transfers[0][1].keys()],
            ).insert([(ap, *fields.values()) for ap, fields in transfers])
