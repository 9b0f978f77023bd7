"""``sendassure complaints import FILE.csv|.xlsx``: one row per complaint and stage.

Columns ``complaint_ref, la_code, received_on, stage, themes, responded_on, outcome``:
stage ``1``, ``2`` or ``ombudsman``; themes as codes of the taxonomy separated by ``;``;
outcome ``upheld``, ``partly_upheld``, ``not_upheld`` or ``withdrawn`` (blank while
open); dates ``YYYY-MM-DD`` or ``DD/MM/YYYY``; an optional ``remedies`` column holds
what was put right as codes separated by ``;`` (``apology``, ``financial``,
``service_improvement``, ``decision_reconsidered``, ``provision``, ``other``; blank for
none; without the column, remedies recorded in the app are kept). Every row is checked
first: any problem rejects the file with every problem listed (row, column, value,
reason) and nothing is stored. Importing the same file again changes nothing; a changed row (same reference
and stage) replaces the complaint it names.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from django.db import transaction

from sendassure.core import tables, versions
from sendassure.core.tables import ImportResult, Problem

from .models import OUTCOMES, REMEDIES, STAGES, Complaint
from .themes import taxonomy

COLUMNS = ("complaint_ref", "la_code", "received_on", "stage", "themes", "responded_on",
           "outcome")
OPTIONAL = ("remedies",)
REMEDY_CODES = tuple(c for c, _ in REMEDIES)
STAGE_CODES = tuple(c for c, _ in STAGES)
OUTCOME_CODES = tuple(c for c, _ in OUTCOMES)
VERSION_KEY = "complaints"


class ComplaintImportError(tables.RejectedFile):
    pass


def _date(text: str) -> date | None:
    return tables.parse_day(text, date(2014, 9, 1))


def check(path: Path) -> list[dict]:
    try:
        header, body = tables.read_table(path)
    except tables.TableError as error:
        raise ComplaintImportError(path, [Problem(None, "", "", str(error))]) from None
    header = [h.lower() for h in header]
    problems = [Problem(None, c, "", "this column is missing") for c in COLUMNS
                if c not in header]
    problems += [Problem(None, c, "", "is not a column of the complaints layout")
                 for c in header if c not in COLUMNS + OPTIONAL]
    if len(set(header)) != len(header):
        problems.append(Problem(None, "", "", "a column is named twice"))
    if any("\x00" in h for h in header):
        problems.append(Problem(None, "", "", "a heading holds a NUL character"))
    if problems:
        raise ComplaintImportError(path, problems)
    themes = taxonomy().themes
    seen: dict[tuple[str, str, str], int] = {}
    rows = []
    for number, cells in enumerate(body, start=2):
        r = dict(zip(header, cells, strict=False))
        before = len(problems)

        def bad(column: str, reason: str, _n=number, _r=r):
            problems.append(Problem(_n, column, _r.get(column, ""), reason))

        for column, value in r.items():
            if "\x00" in value:
                bad(column, "holds a NUL character (not text)")
                r[column] = value.replace("\x00", "")
        if not r["complaint_ref"]:
            bad("complaint_ref", "is required")
        elif len(r["complaint_ref"]) > 40:
            bad("complaint_ref", "is longer than 40 characters")
        if not (len(r["la_code"]) == 3 and r["la_code"].isascii() and r["la_code"].isdigit()):
            bad("la_code", "is not a 3-digit LA code")
        received = _date(r["received_on"])
        if received is None:
            bad("received_on", "is not a date from 1 September 2014 (YYYY-MM-DD or "
                "DD/MM/YYYY)")
        stage = r["stage"].lower()
        if stage not in STAGE_CODES:
            bad("stage", f"is not one of {', '.join(STAGE_CODES)}")
        codes = [t.strip() for t in r["themes"].split(";") if t.strip()]
        if not codes:
            bad("themes", "needs at least one theme code")
        unknown = [t for t in codes if t not in themes]
        if unknown:
            bad("themes", f"{unknown[0]!r} is not a theme code ({', '.join(themes)})")
        responded = None
        if r["responded_on"]:
            responded = _date(r["responded_on"])
            if responded is None:
                bad("responded_on", "is not a date from 1 September 2014 (YYYY-MM-DD or "
                    "DD/MM/YYYY)")
            elif received and responded < received:
                bad("responded_on", "is before the complaint was received")
        outcome = r["outcome"].lower()
        if outcome and outcome not in OUTCOME_CODES:
            bad("outcome", f"is not one of {', '.join(OUTCOME_CODES)} (or blank while open)")
        elif outcome and outcome != "withdrawn" and not r["responded_on"]:
            bad("outcome", "is given but responded_on is blank")
        remedies = [t.strip() for t in r.get("remedies", "").lower().split(";") if t.strip()]
        odd = [t for t in remedies if t not in REMEDY_CODES]
        if odd:
            bad("remedies", f"{odd[0]!r} is not a remedy code ({', '.join(REMEDY_CODES)})")
        key = (r["la_code"], r["complaint_ref"], stage)
        if key in seen:
            bad("complaint_ref", f"is also on row {seen[key]} at the same stage")
        else:
            seen[key] = number
        if len(problems) == before:
            rows.append({"la": r["la_code"], "reference": r["complaint_ref"], "stage": stage,
                         "received_on": received, "themes": ";".join(dict.fromkeys(codes)),
                         "responded_on": responded, "outcome": outcome,
                         "remedies": ";".join(dict.fromkeys(remedies))
                         if "remedies" in header else None})
    if problems:
        raise ComplaintImportError(path, problems)
    return rows


def import_complaints(path: Path) -> ImportResult:
    rows = check(path)
    result = ImportResult()
    with transaction.atomic():
        for row in rows:
            fields = ("received_on", "themes", "responded_on", "outcome") + (
                () if row["remedies"] is None else ("remedies",))
            if row["remedies"] is None:
                row = {k: v for k, v in row.items() if k != "remedies"}
            found = Complaint.objects.filter(la=row["la"], reference=row["reference"],
                                             stage=row["stage"]).first()
            if found is None:
                Complaint.objects.create(source=path.name, **row)
                result.added += 1
            elif all(getattr(found, f) == row[f] for f in fields):
                result.unchanged += 1
            else:
                for f in fields:
                    setattr(found, f, row[f])
                found.save()
                result.updated += 1
        if result.added or result.updated:
            versions.changed([VERSION_KEY], sorted({r["la"] for r in rows}))
    return result
