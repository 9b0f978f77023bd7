"""``sendassure enquiries import FILE.csv|.xlsx``: one row per enquiry.

Columns ``enquiry_ref, la_code, received_on, channel, category, replied_on``: channel and
category as codes of the hub's vocabulary (``vocabulary``); dates ``YYYY-MM-DD`` or
``DD/MM/YYYY``; replied_on blank while unanswered. Optional columns: ``upn`` (the case it
concerns: a UPN held for a child of that area; the UPN itself is not kept, only the link
to the case), ``summary`` (scrubbed of names and full postcodes before it is stored) and
``updated_on`` (the latest update sent). The promised reply and update dates are worked
out from the category's urgency. Every row is checked first: any problem rejects the file
with every problem listed (row, column, value, reason) and nothing is stored. Importing
the same file again changes nothing; a changed row (same area and reference) replaces
the enquiry it names; escalations, assignment and closure recorded in the app are kept.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from django.db import transaction

from sendassure.core import tables, versions
from sendassure.core.scrub import scrub
from sendassure.core.tables import ImportResult, Problem

from .models import Enquiry
from .promises import promised
from .vocabulary import vocabulary

COLUMNS = ("enquiry_ref", "la_code", "received_on", "channel", "category", "replied_on")
OPTIONAL = ("upn", "summary", "updated_on")
FIELDS = ("received_on", "channel", "category", "urgent", "reply_by", "update_by",
          "replied_on", "person_id")
VERSION_KEY = "enquiries"
DATE_REASON = "is not a date from 1 September 2014 (YYYY-MM-DD or DD/MM/YYYY)"


class EnquiryImportError(tables.RejectedFile):
    pass


def _date(text: str) -> date | None:
    return tables.parse_day(text, date(2014, 9, 1))


def _people(rows: list[dict]) -> dict[tuple[str, str], int]:
    """(la, UPN) -> the person id of every UPN the rows name."""
    from sendassure.casework.models import PersonIdentity

    upns = {r["upn"] for r in rows if r.get("upn") and "\x00" not in r["upn"]}
    found = PersonIdentity.objects.filter(upn__in=upns).values_list(
        "person__la", "upn", "person_id")
    return {(la, upn): pid for la, upn, pid in found}


def _header(path: Path) -> tuple[list[str], list[list[str]]]:
    try:
        header, body = tables.read_table(path)
    except tables.TableError as error:
        raise EnquiryImportError(path, [Problem(None, "", "", str(error))]) from None
    header = [h.lower() for h in header]
    problems = [Problem(None, c, "", "this column is missing") for c in COLUMNS
                if c not in header]
    problems += [Problem(None, c, "", "is not a column of the enquiries layout")
                 for c in header if c not in COLUMNS + OPTIONAL]
    if len(set(header)) != len(header):
        problems.append(Problem(None, "", "", "a column is named twice"))
    if any("\x00" in h for h in header):
        problems.append(Problem(None, "", "", "a heading holds a NUL character"))
    if problems:
        raise EnquiryImportError(path, problems)
    return header, body


def check(path: Path) -> list[dict]:
    header, body = _header(path)
    words = vocabulary()
    problems: list[Problem] = []
    seen: dict[tuple[str, str], int] = {}
    raw = [dict(zip(header, cells, strict=False)) for cells in body]
    people = _people(raw)
    rows = []
    for number, r in enumerate(raw, start=2):
        before = len(problems)

        def bad(column: str, reason: str, _n=number, _r=r):
            problems.append(Problem(_n, column, _r.get(column, ""), reason))

        for column, value in r.items():
            if "\x00" in value:
                bad(column, "holds a NUL character (not text)")
                r[column] = value.replace("\x00", "")
        if not r["enquiry_ref"]:
            bad("enquiry_ref", "is required")
        elif len(r["enquiry_ref"]) > 40:
            bad("enquiry_ref", "is longer than 40 characters")
        if not (len(r["la_code"]) == 3 and r["la_code"].isascii() and r["la_code"].isdigit()):
            bad("la_code", "is not a 3-digit LA code")
        received = _date(r["received_on"])
        if received is None:
            bad("received_on", DATE_REASON)
        channel, category = r["channel"].lower(), r["category"].lower()
        if channel not in words.channels:
            bad("channel", f"is not one of {', '.join(words.channels)}")
        if category not in words.categories:
            bad("category", f"is not one of {', '.join(words.categories)}")
        dates = {}
        for column in ("replied_on", "updated_on"):
            dates[column] = None
            if r.get(column):
                dates[column] = _date(r[column])
                if dates[column] is None:
                    bad(column, DATE_REASON)
                elif received and dates[column] < received:
                    bad(column, "is before the enquiry was received")
        person = None
        if r.get("upn"):
            person = people.get((r["la_code"], r["upn"]))
            if person is None:
                bad("upn", "is not the UPN of a child held for this area")
        summary = scrub(r.get("summary", ""))
        if len(summary) > 4000:
            bad("summary", "is longer than 4,000 characters")
        key = (r["la_code"], r["enquiry_ref"])
        if key in seen:
            bad("enquiry_ref", f"is also on row {seen[key]}")
        else:
            seen[key] = number
        if len(problems) == before:
            rows.append({"la": r["la_code"], "reference": r["enquiry_ref"],
                         "received_on": received, "channel": channel, "category": category,
                         **promised(received, category, words), "person_id": person,
                         "replied_on": dates["replied_on"],
                         "updated_on": dates["updated_on"], "summary": summary,
                         "optional": [c for c in ("summary", "updated_on") if c in header]})
    if problems:
        raise EnquiryImportError(path, problems)
    return rows


def import_enquiries(path: Path) -> ImportResult:
    rows = check(path)
    result = ImportResult()
    with transaction.atomic():
        for row in rows:
            fields = FIELDS + tuple(row.pop("optional"))
            values = {f: row[f] for f in fields}
            found = Enquiry.objects.filter(la=row["la"], reference=row["reference"]).first()
            if found is None:
                Enquiry.objects.create(la=row["la"], reference=row["reference"],
                                       source=path.name, **values)
                result.added += 1
            elif all(getattr(found, f) == v for f, v in values.items()):
                result.unchanged += 1
            else:
                for f, v in values.items():
                    setattr(found, f, v)
                found.save()
                result.updated += 1
        if result.added or result.updated:
            versions.changed([VERSION_KEY], sorted({r["la"] for r in rows}))
    return result
