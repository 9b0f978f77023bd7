"""``sendassure surveys import FILE.csv|.xlsx``: survey tools' exports, one row per
respondent: ``respondent_id, wave, respondent_group, completed_on``, then one column per
statement headed by its text, answers on the five-point scale plus don't know as labels
("Strongly agree", "Don't know") or codes (``strongly_agree``, ``dont_know``), blank for
no answer. The respondent id is stored only as a keyed hash.

Free text: a column headed ``Comment: QUESTION`` (the prefix ``Comment:`` in any case,
then the question asked, e.g. ``Comment: What would make things better?``) holds each
respondent's free-text answer to that question, blank for none. It is run through
``scrub.scrub`` before it is stored (names, full postcodes, emails, phone numbers and
long numbers taken out), at most 4,000 characters; problems with it are reported
without the text. Analysts tag comments in the app; outputs show tag counts only.

Any bad cell rejects the file, every problem named; importing the same file again
changes nothing."""

from __future__ import annotations

import hashlib
import hmac
from datetime import date
from pathlib import Path

from django.conf import settings
from django.db import transaction

from sendassure.core import tables, versions
from sendassure.core.scrub import scrub
from sendassure.core.tables import ImportResult, Problem

from .models import GROUPS, SurveyAnswer, SurveyComment, SurveyResponse, SurveyStatement

FIXED = ("respondent_id", "wave", "respondent_group", "completed_on")
GROUP_CODES = tuple(c for c, _ in GROUPS)
LABELS = {"strongly agree": "strongly_agree", "agree": "agree",
          "neither agree nor disagree": "neither", "neither": "neither",
          "disagree": "disagree", "strongly disagree": "strongly_disagree",
          "don't know": "dont_know", "dont know": "dont_know", "do not know": "dont_know"}
CODES = ("strongly_agree", "agree", "neither", "disagree", "strongly_disagree", "dont_know")
VERSION_KEY = "surveys"
COMMENT = "comment:"
GENERAL = "Any other comments"
LONGEST_COMMENT = 4000


class SurveyImportError(tables.RejectedFile):
    pass


def answer_code(text: str) -> str | None:
    """An answer as its code ("" for no answer); None when it is not on the scale."""
    cleaned = " ".join(text.replace("\u2019", "'").strip().lower().split())
    if not cleaned:
        return ""
    if cleaned in CODES:
        return cleaned
    return LABELS.get(cleaned)


def respondent_key(respondent_id: str) -> str:
    secret = getattr(settings, "IDENTITY_HASH_KEY", "") or settings.SECRET_KEY
    key = hashlib.sha256(("sendassure-survey:" + secret).encode()).digest()
    return hmac.new(key, respondent_id.strip().encode(), hashlib.sha256).hexdigest()


def _date(text: str) -> date | None:
    return tables.parse_day(text, date(2014, 1, 1))


def question_of(header: str) -> str:
    """The question of a ``Comment:`` column."""
    return header[len(COMMENT):].strip() or GENERAL


def check(path: Path) -> tuple[list[str], list[str], list[dict]]:
    try:
        header, body = tables.read_table(path)
    except tables.TableError as error:
        raise SurveyImportError(path, [Problem(None, "", "", str(error))]) from None
    lowered = [h.lower() for h in header]
    problems = [Problem(None, c, "", "this column is missing") for c in FIXED
                if c not in lowered]
    statements = [h for h, low in zip(header, lowered, strict=True)
                  if low not in FIXED and not low.startswith(COMMENT)]
    comments = [h for h, low in zip(header, lowered, strict=True) if low.startswith(COMMENT)]
    if not statements and not comments:
        problems.append(Problem(None, "", "", "no statement columns: one column per "
                                "statement, headed by its text"))
    if len(set(lowered)) != len(lowered) or \
            len({question_of(c).lower() for c in comments}) != len(comments):
        problems.append(Problem(None, "", "", "a column is named twice"))
    if any("\x00" in h for h in header):
        problems.append(Problem(None, "", "", "a heading holds a NUL character"))
    if any(not h for h in header):
        problems.append(Problem(None, "", "", "a column has no heading"))
    problems += [Problem(None, s[:60], "", "a statement is longer than 500 characters")
                 for s in statements + comments if len(s) > 500]
    if problems:
        raise SurveyImportError(path, problems)
    index = {low: i for i, low in enumerate(lowered)}
    seen: dict[tuple[str, str], int] = {}
    rows = []
    for number, cells in enumerate(body, start=2):
        before = len(problems)

        def bad(column: str, value: str, reason: str, _n=number):
            problems.append(Problem(_n, column, value, reason))

        for column, value in zip(header, cells, strict=False):
            if "\x00" in value:
                bad(column[:60], "", "holds a NUL character (not text)")
        cells = [c.replace("\x00", "") for c in cells]
        rid, wave = cells[index["respondent_id"]], cells[index["wave"]]
        group = cells[index["respondent_group"]].lower()
        if not rid:
            bad("respondent_id", "", "is required")
        if not wave or len(wave) > 40:
            bad("wave", wave, "is required (40 characters at most)")
        if group not in GROUP_CODES:
            bad("respondent_group", group, f"is not one of {', '.join(GROUP_CODES)}")
        completed = _date(cells[index["completed_on"]])
        if completed is None:
            bad("completed_on", cells[index["completed_on"]], "is not a date (YYYY-MM-DD or "
                "DD/MM/YYYY)")
        answers = {}
        for text in statements:
            value = cells[header.index(text)]
            code = answer_code(value)
            if code is None:
                bad(text[:60], value[:40], "is not an answer on the scale (Strongly agree, "
                    "Agree, Neither agree nor disagree, Disagree, Strongly disagree, "
                    "Don't know, or blank)")
            answers[text] = code
        said = {}
        for column in comments:
            text = scrub(cells[header.index(column)])
            if len(text) > LONGEST_COMMENT:
                bad(column[:60], "", f"is longer than {LONGEST_COMMENT:,} characters")
            elif text:
                said[question_of(column)] = text
        if (wave, rid) in seen:
            bad("respondent_id", "", f"answers wave {wave!r} again (row {seen[wave, rid]})")
        else:
            seen[wave, rid] = number
        if len(problems) == before:
            rows.append({"key": respondent_key(rid), "wave": wave, "group": group,
                         "completed_on": completed, "answers": answers, "comments": said})
    if problems:
        raise SurveyImportError(path, problems)
    return statements, [question_of(c) for c in comments], rows


def import_survey(path: Path, la: str) -> ImportResult:
    statements, questions, rows = check(path)
    result = ImportResult()
    with transaction.atomic():
        ids = {}
        for text in statements:
            ids[text] = SurveyStatement.objects.get_or_create(text=text)[0].pk
        for row in rows:
            found = SurveyResponse.objects.filter(la=la, wave=row["wave"],
                                                  respondent_key=row["key"]).first()
            wanted = {ids[t]: a for t, a in row["answers"].items()}
            said = row["comments"]
            if found is not None:
                have = dict(found.answers.values_list("statement_id", "answer"))
                had = dict(found.comments.filter(question__in=questions).values_list(
                    "question", "text"))
                if (found.group, found.completed_on) == (row["group"], row["completed_on"]) \
                        and all(have.get(k) == v for k, v in wanted.items()) and had == said:
                    result.unchanged += 1
                    continue
                found.group, found.completed_on = row["group"], row["completed_on"]
                found.save()
                found.answers.filter(statement_id__in=list(wanted)).delete()
                result.updated += 1
            else:
                found = SurveyResponse.objects.create(
                    la=la, respondent_key=row["key"], wave=row["wave"], group=row["group"],
                    completed_on=row["completed_on"], source=path.name)
                result.added += 1
            SurveyAnswer.objects.bulk_create(
                SurveyAnswer(response=found, statement_id=k, answer=v) for k, v in wanted.items())
            _keep_comments(found, questions, said)
        if result.added or result.updated:
            versions.changed([VERSION_KEY], [la])
    return result


def _keep_comments(response: SurveyResponse, questions: list[str], said: dict) -> None:
    """Store the file's comments of a response; a comment whose text is unchanged keeps
    its tags, a changed one loses them (they were given to other words)."""
    for question in questions:
        text = said.get(question)
        found = response.comments.filter(question=question).first()
        if text is None:
            if found is not None:
                found.delete()
        elif found is None:
            SurveyComment.objects.create(response=response, question=question, text=text)
        elif found.text != text:
            found.text = text
            found.save()
            found.tags.clear()


def answers_of(la: str | None, wave: str, group: str | None = None) -> tuple[dict, int]:
    """(statement text -> answer codes, respondents) of a wave, statements in the order
    they were first loaded."""
    responses = SurveyResponse.objects.filter(wave=wave)
    if la:
        responses = responses.filter(la=la)
    if group:
        responses = responses.filter(group=group)
    found: dict[str, list[str]] = {}
    rows = SurveyAnswer.objects.filter(response__in=responses).order_by(
        "statement_id", "response_id").values_list("statement__text", "answer")
    for text, answer in rows:
        found.setdefault(text, []).append(answer)
    return found, responses.count()
