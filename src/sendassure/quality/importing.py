"""``sendassure audits import FILE.csv|.xlsx``: past audits from the spreadsheets councils
keep, one row per audit.

Columns: ``audit_ref, plan_ref, audit_date, auditor, agency, overall_grade``, then
optional ``section_A`` ... ``section_K`` (with ``section_H1``, ``section_H2``); grades as
the four words in lower case with underscores, blank = not audited. ``plan_ref`` is the
child's UPN, looked up in the identity table and never stored beside the audit (the audit
holds the case's surrogate key). Every row is checked before anything is stored: any
problem rejects the whole file with every problem listed (row, column, value, reason).
Importing the same file again changes nothing; a changed row (same ``audit_ref``)
replaces the audit it names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from django.db import transaction

from sendassure.casework.models import PersonIdentity
from sendassure.core import tables, versions
from sendassure.core.tables import ImportResult, Problem

from .framework import GRADE_CODES, SECTION_CODES
from .frameworks import VERSION_KEY, framework_version
from .loop import ensure_follow_ups
from .models import AGENCIES, Audit, SectionGrade

REQUIRED = ("audit_ref", "plan_ref", "audit_date", "auditor", "agency", "overall_grade")
SECTION_COLUMNS = {f"section_{c}": c for c in SECTION_CODES}
AGENCY_CODES = tuple(code for code, _ in AGENCIES)
UPN = re.compile(r"^[A-Z]\d{11}[0-9A-Z]$")
MAX_ROWS = 100_000


class AuditImportError(tables.RejectedFile):
    pass


@dataclass
class Row:
    number: int
    reference: str
    la: str
    person_id: int
    audit_date: date
    auditor: str
    agency: str
    overall_grade: str
    sections: dict[str, str] = field(default_factory=dict)


def read_table(path: Path) -> tuple[list[str], list[list[str]]]:
    """(header in the layout's names, rows) of a CSV or XLSX file (``core.tables``)."""
    try:
        header, rows = tables.read_table(path)
    except tables.TableError as error:
        raise AuditImportError(path, [Problem(None, "", "", str(error))]) from None
    return [_column(h) for h in header], rows


def _column(name: str) -> str:
    """A header cell as the layout names it (case and spaces do not matter)."""
    key = name.strip().lower()
    return next((c for c in SECTION_COLUMNS if c.lower() == key), key)


def _date(text: str) -> date | None:
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _people(upns: set[str], areas: list[str] | None) -> dict[str, list[tuple[int, str]]]:
    """UPN -> [(person id, la)] from the identity table (in ``areas`` if given)."""
    found: dict[str, list[tuple[int, str]]] = {}
    rows = PersonIdentity.objects.filter(upn__in=upns)
    if areas:
        rows = rows.filter(person__la__in=areas)
    for upn, pid, la in rows.values_list("upn", "person_id", "person__la"):
        found.setdefault(upn, []).append((pid, la))
    return found


def check(path: Path, areas: list[str] | None = None) -> list[Row]:
    """Every row of the file as checked rows; ``AuditImportError`` lists every problem."""
    header, body = read_table(path)
    problems: list[Problem] = []
    for column in REQUIRED:
        if column not in header:
            problems.append(Problem(None, column, "", "this column is missing"))
    known = set(REQUIRED) | set(SECTION_COLUMNS)
    for column in header:
        if column not in known:
            problems.append(Problem(None, column, "", "is not a column of the audit "
                                    "layout (see the README)"))
    if len(set(header)) != len(header):
        problems.append(Problem(None, "", "", "a column is named twice"))
    if len(body) > MAX_ROWS:
        problems.append(Problem(None, "", "", f"more than {MAX_ROWS:,} rows"))
    if problems:
        raise AuditImportError(path, problems)
    records = [dict(zip(header, r, strict=False)) for r in body]
    # only well-formed UPNs are looked up: anything else (a NUL byte, a name) is refused
    # below by its shape and never reaches the database
    people = _people({upn for r in records if UPN.match(upn := r["plan_ref"].upper())},
                     areas)
    seen: dict[str, int] = {}
    rows = []
    for number, r in enumerate(records, start=2):
        before = len(problems)

        def bad(column: str, reason: str, value: str | None = None, _n=number, _r=r):
            problems.append(Problem(_n, column, _r.get(column, "") if value is None
                                    else value, reason))

        reference = r["audit_ref"]
        if not reference:
            bad("audit_ref", "is required")
        elif len(reference) > 40:
            bad("audit_ref", "is longer than 40 characters")
        elif reference in seen:
            bad("audit_ref", f"is also on row {seen[reference]}")
        else:
            seen[reference] = number
        upn = r["plan_ref"].upper()
        matches = []
        if not UPN.match(upn):
            bad("plan_ref", "is not a UPN (a letter, 11 digits, then a digit or letter)",
                _shape(r["plan_ref"]))
        else:
            matches = people.get(upn, [])
            if not matches:
                bad("plan_ref", "is not the UPN of any child in the records"
                    + (" of the chosen area(s)" if areas else ""), _shape(upn))
            elif len({la for _, la in matches}) > 1:
                bad("plan_ref", "belongs to children in more than one area: choose one "
                    "with --la", _shape(upn))
            elif len(matches) > 1:
                bad("plan_ref", "is the UPN of more than one child in the records (see the "
                    "import's duplicate UPN query)", _shape(upn))
        when = _date(r["audit_date"])
        if when is None:
            bad("audit_date", "is not a date (YYYY-MM-DD or DD/MM/YYYY)")
        elif not date(2014, 9, 1) <= when <= date(2100, 12, 31):
            bad("audit_date", "is before EHC plans began (1 September 2014) or implausibly "
                "late")
        if not r["auditor"]:
            bad("auditor", "is required")
        elif len(r["auditor"]) > 120:
            bad("auditor", "is longer than 120 characters")
        if r["agency"] not in AGENCY_CODES:
            bad("agency", f"is not one of {', '.join(AGENCY_CODES)}")
        if r["overall_grade"] not in GRADE_CODES:
            bad("overall_grade", f"is not one of {', '.join(GRADE_CODES)}")
        sections = {}
        for column, code in SECTION_COLUMNS.items():
            value = r.get(column, "")
            if value and value not in GRADE_CODES:
                bad(column, f"is not one of {', '.join(GRADE_CODES)} (or blank: not audited)")
            elif value:
                sections[code] = value
        if len(problems) == before and matches:
            ((pid, la),) = matches
            rows.append(Row(number, reference, la, pid, when, r["auditor"], r["agency"],
                            r["overall_grade"], sections))
    if problems:
        raise AuditImportError(path, problems)
    return rows


def _shape(text: str) -> str:
    """An identifier shown by its shape only (A999...), never as given."""
    return "".join("A" if c.isupper() else "a" if c.islower() else "9" if c.isdigit() else c
                   for c in text)


def import_audits(path: Path, areas: list[str] | None = None,
                  framework: str | None = None) -> ImportResult:
    """Check the file, then store every row in one transaction."""
    rows = check(path, areas)
    version = framework_version(framework)
    result = ImportResult()
    with transaction.atomic():
        for row in rows:
            wanted = {"person_id": row.person_id, "audit_date": row.audit_date,
                      "auditor": row.auditor, "agency": row.agency,
                      "overall_grade": row.overall_grade}
            audit = Audit.objects.filter(la=row.la, reference=row.reference).first()
            if audit is None:
                audit = Audit.objects.create(la=row.la, reference=row.reference,
                                             framework=version, source=path.name, **wanted)
                result.added += 1
            else:
                have = {k: getattr(audit, k) for k in wanted}
                sections = dict(audit.sections.values_list("section", "grade"))
                if have == wanted and sections == row.sections:
                    result.unchanged += 1
                    continue
                for k, v in wanted.items():
                    setattr(audit, k, v)
                audit.save()
                audit.sections.all().delete()
                result.updated += 1
            SectionGrade.objects.bulk_create(
                SectionGrade(audit=audit, section=code, grade=grade)
                for code, grade in row.sections.items())
            ensure_follow_ups(audit)
        if result.added or result.updated:
            versions.changed([VERSION_KEY], sorted({r.la for r in rows}))
    return result
