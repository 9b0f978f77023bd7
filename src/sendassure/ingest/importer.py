"""Import a SEN2 return: read, judge every record, store the good, quarantine the bad.

- A file that cannot be read as SEN2 is rejected whole: nothing is stored.
- An error bars its record from what its rule names (``excluded_from``): measure
  sections, stored with the request (each measure then leaves it out exactly there), or
  ``all``: only then is the record quarantined whole (a person-level error the person,
  any other the request with its assessment and plans). Queries are stored and reported.
- The whole import is one transaction: a crash or kill leaves the database as it was.
  The file is read and judged before it opens (into a temporary spool file), so the
  write lock is held only for the store (ADR 0011).
- Importing the same file again changes nothing (matched by SHA-256 of its bytes).
- What the report shows of an issue is what is stored of it: its value reduced where
  the rule raised it (``Context.issue``), its message cleared of any raw value of the
  person's records that may not be shown (``privacy.reduce_text``).
"""

from __future__ import annotations

import dataclasses
import hashlib
import pickle
import tempfile
from collections.abc import Callable, Collection, Sequence
from pathlib import Path

from django.db import connection, transaction

from sendassure.core import row_security, versions
from sendassure.core.identity import identity_key
from sendassure.sen2.values import parse_date

from . import privacy
from .models import ImportIssue, ImportRun, QuarantinedRecord
from .readers import open_return
from .records import Person, Request, ReturnRejected
from .report import ImportReport
from .rules.checker import Checker
from .rules.registry import Issue, catalogue_version
from .store import Store

Progress = Callable[[int, int | None], None]


class _Rejected(Exception):
    pass


def file_hash(paths: Sequence[Path]) -> str:
    digest = hashlib.sha256()
    for path in sorted(paths):
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    return digest.hexdigest()


def count_persons(paths: Sequence[Path]) -> int | None:
    """A quick count of ``<Person>`` elements for the progress bar (XML only)."""
    if len(paths) != 1 or paths[0].suffix.lower() != ".xml" or paths[0].stat().st_size == 0:
        return None
    count = 0
    with open(paths[0], "rb") as handle:
        tail = b""
        for block in iter(lambda: handle.read(1 << 22), b""):
            chunk = tail + block
            count += chunk.count(b"<Person>") + chunk.count(b"<Person ")
            tail = chunk[-8:]
            count -= tail.count(b"<Person>") + tail.count(b"<Person ")
        count += tail.count(b"<Person>") + tail.count(b"<Person ")
    return count


def _content(record) -> dict:
    """A record and everything below it, reduced for storage (no names, postcodes, ids,
    and only the shape of a value that fails its field's format)."""
    out = {"fields": privacy.reduce_fields(record.fields)}
    for attribute in ("requests", "plan_details", "placements", "sen_needs"):
        children = getattr(record, attribute, None)
        if children:
            out[attribute] = [_content(child) for child in children]
    for attribute in ("assessment", "named_plan", "active_plan"):
        child = getattr(record, attribute, None)
        if child is not None:
            out[attribute] = _content(child)
    return out


def import_sen2(
    paths: Sequence[Path | str],
    *,
    user=None,
    strict: bool = False,
    progress: Progress | None = None,
    areas: Collection[str] | None = None,
    file_name: str | None = None,
) -> ImportReport:
    """Import one return (an XML file, or the module CSVs of one return). ``areas``, when
    given, are the LA codes the importing user may load; ``file_name`` names an upload."""
    paths = [Path(p) for p in paths]
    report = ImportReport(file=file_name or ", ".join(p.name for p in paths))
    try:
        report.file_hash = file_hash(paths)
        total = count_persons(paths)
        sen2 = open_return(paths)
    except OSError as error:
        report.status, report.message = (
            "rejected",
            f"{report.file}: cannot be read ({error.strerror}).",
        )
        return report
    except ReturnRejected as error:
        report.status, report.message = "rejected", str(error)
        return report
    header = sen2.header
    report.la = header.get("LEA")
    report.collection_year = header.get("Year")
    reference_date = parse_date(header.get("ReferenceDate"))
    report.reference_date = reference_date.isoformat() if reference_date else None
    if areas is not None and report.la not in areas:
        report.status = "rejected"
        report.message = (
            f"{report.file}: this return is for LA {report.la}, which is not one of your "
            f"areas ({', '.join(sorted(areas)) or 'none'}); nothing was stored."
        )
        return report
    rules_version = catalogue_version()
    if _imported_before(report, rules_version):
        report.status = "unchanged"
        report.message = f"{report.file} was imported before; nothing has changed."
        return report
    try:
        with tempfile.TemporaryFile(prefix="sendassure-import-") as spool:
            # Read and judge every record first, writing nothing: the database's write
            # lock (SQLite has one for the whole file) is taken only for the store
            # below, so sign-ins and pages go on meanwhile (ADR 0011).
            judged = _judge(sen2, report, spool, progress, total)
            if strict and report.errors:
                raise _Rejected(
                    f"{report.file}: rejected under --strict because it has {report.errors} "
                    f"error(s); nothing was stored."
                )
            spool.seek(0)
            # The areas were checked above; PostgreSQL's COPY is not allowed under the web
            # requests' row-level security, so the store runs as the connecting user.
            with row_security.as_connecting_user(connection), transaction.atomic():
                if _imported_before(report, rules_version):  # by another import meanwhile
                    report.reject("")
                    report.issues.clear()
                    report.status = "unchanged"
                    report.message = f"{report.file} was imported before; nothing has changed."
                    return report
                _store(sen2, report, reference_date, user, rules_version, judged, spool)
    except (ReturnRejected, _Rejected) as error:
        report.reject(str(error))
    return report


def _imported_before(report: ImportReport, rules_version: str) -> bool:
    return ImportRun.objects.filter(file_hash=report.file_hash, la=report.la, status="stored",
                                    rules_version=rules_version).exists()


@dataclasses.dataclass
class _Judged:
    """What reading and judging a return leaves for the store: the persons to store (in
    the spool file, so memory stays flat) and the records to quarantine (few)."""

    persons: int = 0
    quarantine: list[tuple[QuarantinedRecord, list]] = dataclasses.field(default_factory=list)


def _judge(sen2, report, spool, progress, total) -> _Judged:
    """Read and judge every person, without touching the database. Each person to store
    goes to ``spool`` with the indices of its requests to store (each request carrying
    what its errors bar it from); quarantined records are kept, unsaved."""
    checker = Checker(sen2.header)
    judged = _Judged()
    done = 0
    for person in sen2.persons:
        issues = _cleared(checker.check(person), person)
        report.issues.extend(issues)
        errors = [i for i in issues if i.severity == "error"]
        if any(i.scope == "person" and i.whole for i in errors):
            _quarantine_person(report, person, issues, judged.quarantine)
        else:
            bad = {i.request_index for i in errors if i.whole and i.scope == "request"}
            good = []
            for index, request in enumerate(person.requests):
                if index in bad:
                    mine = [i for i in errors if i.request_index == index]
                    _quarantine_request(report, person, request, mine, judged.quarantine)
                else:
                    _exclude(request, [i for i in errors if i.scope == "person"
                                       or i.request_index == index])
                    report.barred += bool(request.exclusions)
                    report.excluded.update(
                        {section for sections in request.exclusions.values()
                         for section in sections})
                    good.append(index)
            pickle.dump((person, good), spool, protocol=pickle.HIGHEST_PROTOCOL)
            judged.persons += 1
        done += 1
        if progress and done % 200 == 0:
            progress(done, total)
    if progress:
        progress(done, total)
    report.variants = sorted(sen2.variants)
    report.issues.extend(_problem_issue(problem) for problem in sen2.problems)
    return judged


def _store(sen2, report, reference_date, user, rules_version, judged: _Judged, spool) -> None:
    """The one write transaction: the run, the judged persons, the quarantine, the issues
    and the figures derived from them, all or nothing."""
    run = ImportRun.objects.create(
        la=report.la,
        user=user if getattr(user, "is_authenticated", False) else None,
        username=user.get_username() if getattr(user, "is_authenticated", False) else "",
        file_name=report.file[:255],
        file_hash=report.file_hash,
        file_format=sen2.file_format,
        collection_year=report.collection_year or "",
        reference_date=reference_date,
        status="stored",
        rules_version=rules_version,
    )
    store = Store(report.la, run, reference_date, identity_key())
    for _ in range(judged.persons):
        person, good = pickle.load(spool)
        store.add(person, [person.requests[i] for i in good])
    store.flush()
    for record, _ in judged.quarantine:
        record.import_run = run
    report.stored.update(store.stored)
    report.changes.update(store.changes)
    _save_issues(run, report, judged.quarantine)
    run.stored = dict(report.stored)
    run.quarantined = dict(report.quarantined)
    run.excluded = dict(report.excluded)
    run.issues_by_rule = {code: v["count"] for code, v in report.by_rule().items()}
    run.save()
    # Inside the transaction: what is derived from the records (the fact table) lands
    # with them or not at all.
    versions.changed([versions.records_key(report.la)], [report.la], sender=ImportRun)
    report.message = (
        f"{report.file}: stored {report.stored.get('request', 0)} requests of "
        f"{report.stored.get('person', 0)} persons; quarantined "
        f"{report.quarantined.get('person', 0)} persons and "
        f"{report.quarantined.get('request', 0)} requests"
        + (f"; {barred} stored requests are left out of some measures (see the issues)."
           if (barred := report.barred) else ".")
    )


def _cleared(issues: list[Issue], person: Person) -> list[Issue]:
    """The issues with any raw value of the person's records that may not be shown taken
    out of their messages (a rule's detail taken from another field, say)."""
    if not issues:
        return issues
    raw = list(privacy.raw_values(person))
    return [dataclasses.replace(i, message=privacy.reduce_text(i.message, raw)) for i in issues]


def _problem_issue(problem) -> Issue:
    """A reader's problem as a SEN2-0001 query, reduced like a rule's issue."""
    raw = [(problem.field, problem.value)] if problem.field else []
    message = f"{problem.message} (the reader kept the first value and reported the rest)"
    return Issue(
        code="SEN2-0001", severity="query", location=problem.location,
        field=problem.field or "",
        value=privacy.reduce_value(problem.field, problem.value) if problem.field else None,
        message=privacy.reduce_text(message, raw), scope="person",
    )


def _exclude(request: Request, errors: list[Issue]) -> None:
    """Record on the request what each error bars it from (a person's errors bar all of
    the person's requests)."""
    for issue in errors:
        request.exclusions.setdefault(issue.code, set()).update(issue.excluded_from)


def _quarantine_person(report, person: Person, issues, quarantine) -> None:
    report.quarantined["person"] += 1
    for request in person.requests:
        report.quarantined.update(request.module_counts())
    record = QuarantinedRecord(
        la=report.la,
        scope="person",
        location=person.location[:300],
        content=_content(person),
        codes=",".join(sorted({i.code for i in issues if i.severity == "error"}))[:300],
    )
    quarantine.append((record, [i for i in issues if i.severity == "error"]))


def _quarantine_request(report, person: Person, request: Request, errors,
                        quarantine) -> None:
    report.quarantined.update(request.module_counts())
    record = QuarantinedRecord(
        la=report.la,
        scope="request",
        location=request.location[:300],
        content={"person": privacy.reduce_fields(person.fields), **_content(request)},
        codes=",".join(sorted({i.code for i in errors}))[:300],
    )
    quarantine.append((record, errors))


def _save_issues(run, report, quarantine) -> None:
    records = QuarantinedRecord.objects.bulk_create([r for r, _ in quarantine])
    owner: dict[int, QuarantinedRecord] = {}
    for record, (_, issues) in zip(records, quarantine, strict=True):
        for issue in issues:
            owner[id(issue)] = record
    rows = []
    for issue in report.issues:
        value, message = issue.value, issue.message
        rows.append(
            ImportIssue(
                import_run=run,
                quarantined_record=owner.get(id(issue)),
                code=issue.code[:20],
                severity=issue.severity,
                location=issue.location[:300],
                field=issue.field[:60],
                value=value[:200] if value is not None else None,
                message=message[:500],
                excluded_from=",".join(issue.excluded_from)[:300],
            )
        )
    ImportIssue.objects.bulk_create(rows, batch_size=1000)
