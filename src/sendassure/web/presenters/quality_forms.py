"""The plan quality forms: who may see and change which audit, the one-section-a-page
audit form, samples and assignments, moderation and follow-ups. Views call these and
record each view of a plan's audit in the audit log."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.http import Http404
from django.utils import timezone

from sendassure.casework.models import Person, PersonIdentity
from sendassure.casework.queries import identities_of
from sendassure.core import versions
from sendassure.core.models import User
from sendassure.core.roles import Role
from sendassure.kpis.plan_quality import AuditRow, double_audits
from sendassure.quality.framework import Framework, Section
from sendassure.quality.frameworks import VERSION_KEY, framework_of, framework_version
from sendassure.quality.loop import ensure_follow_ups
from sendassure.quality.models import (
    AGENCIES,
    GRADES,
    MARKS,
    Assignment,
    Audit,
    CriterionMark,
    FollowUp,
    Moderation,
    SectionGrade,
)
from sendassure.quality.queries import assigned_people, audits_for
from sendassure.quality.sampling import DIMENSIONS, SampleError, draw

from .params import date_input

ANALYSTS = (Role.ADMINISTRATOR, Role.ANALYST)
MARK_CODES = tuple(code for code, _ in MARKS)
AGENCY_CODES = tuple(code for code, _ in AGENCIES)


def _error(text: str, href: str) -> dict:
    return {"text": text, "href": href}


# -- who sees what -----------------------------------------------------------------------
@dataclass
class Cases:
    cases: list[dict] = field(default_factory=list)
    search: str = ""
    message: str = ""


def visible_people(user):
    """The cases the user may audit: an auditor's assigned plans; an analyst's areas."""
    if user.role == Role.AUDITOR:
        return Person.objects.filter(pk__in=assigned_people(user))
    return Person.objects.for_user(user)


def worklist(user, upn: str) -> Cases:
    """The plans to audit: assigned ones (an analyst sees every assignment in their
    areas), or the case with the UPN searched (analysts)."""
    found = Cases(search=upn.strip().upper()[:13])
    assignments = Assignment.objects.for_user(user).select_related("auditor")
    if user.role == Role.AUDITOR:
        assignments = assignments.filter(auditor=user)
    people = {a.person_id: a.auditor.username for a in assignments}
    if found.search and user.role in ANALYSTS:
        match = PersonIdentity.objects.filter(upn=found.search,
                                              person__la__in=user.area_codes).first()
        if match is None:
            found.message = "No child in your areas' records has that UPN."
        else:
            people.setdefault(match.person_id, "")
    upns = identities_of(user, people)
    audits = {}
    for a in audits_for(user).filter(person_id__in=list(people)).order_by("audit_date", "id"):
        audits.setdefault(a.person_id, []).append(a)
    found.cases = [{"person_id": pid, "upn": upns.get(pid, ""), "auditor": who,
                    "audits": audits.get(pid, [])} for pid, who in people.items()]
    found.cases.sort(key=lambda c: (bool(c["audits"]), c["upn"]))
    return found


def audit_for(user, pk: int) -> Audit:
    """An audit the user may see: an auditor only audits of plans assigned to them."""
    audit = audits_for(user).select_related("framework").filter(pk=pk).first()
    if audit is None:
        if Audit.objects.for_user(user).filter(pk=pk).exists():
            raise PermissionDenied("This plan is not assigned to you")
        raise Http404("No such audit")
    return audit


def editable(user, audit: Audit) -> bool:
    return audit.status == Audit.DRAFT and (
        audit.auditor_user_id == user.pk or user.role in ANALYSTS)


def framework_for(audit: Audit) -> Framework:
    return framework_of(audit.framework)


def sections_of(audit: Audit) -> tuple[Section, ...]:
    return framework_for(audit).sections


def next_section(sections, code: str) -> Section | None:
    codes = [s.code for s in sections]
    i = codes.index(code)
    return sections[i + 1] if i + 1 < len(sections) else None


# -- the audit form ----------------------------------------------------------------------
def start_audit(user, post) -> tuple[Audit | None, str]:
    try:
        person_id = int(post.get("case", ""))
    except ValueError:
        return None, "Choose a plan to audit"
    person = visible_people(user).filter(pk=person_id).first()
    if person is None:
        return None, "Choose one of the plans you may audit"
    agency = post.get("agency", "")
    if agency not in AGENCY_CODES:
        return None, "Choose the agency you audit for"
    year_text = (post.get("school_year") or "").strip()
    school_year = None
    if year_text:
        if not year_text.isdigit() or not 0 <= int(year_text) <= 14:
            return None, "Enter the national curriculum year as a number from 0 to 14"
        school_year = int(year_text)
    with transaction.atomic():
        count = Audit.objects.filter(la=person.la).count()
        reference = f"QA-{person.la}-{count + 1:05d}"
        while Audit.objects.filter(la=person.la, reference=reference).exists():
            count += 1
            reference = f"QA-{person.la}-{count + 1:05d}"
        audit = Audit.objects.create(
            la=person.la, reference=reference, person=person, framework=framework_version(),
            audit_date=timezone.localdate(), auditor=user.get_full_name() or user.username,
            auditor_user=user, agency=agency, school_year=school_year, status=Audit.DRAFT,
            source="form")
    return audit, ""


def section_values(audit: Audit, section: Section) -> dict:
    ids = [c.id for c in section.criteria]
    values = dict(audit.marks.filter(criterion__in=ids).values_list("criterion", "mark"))
    grade = audit.sections.filter(section=section.code).values_list("grade", flat=True).first()
    if grade:
        values["grade"] = grade
    return values


def save_section(audit: Audit, framework: Framework, section: Section, post) -> list[dict]:
    errors = []
    criteria = [c for c in section.criteria if c.applies(audit.school_year)]
    marks = {}
    for c in criteria:
        mark = post.get(f"mark-{c.id}", "")
        if mark not in MARK_CODES:
            errors.append(_error(f"Choose whether criterion {c.id} is met", f"#mark-{c.id}"))
        marks[c.id] = mark
    grade = post.get("grade", "")
    if grade not in {g.code for g in framework.grades}:
        errors.append(_error(f"Choose a grade for section {section.code}", "#grade"))
    if errors:
        return errors
    with transaction.atomic():
        for criterion, mark in marks.items():
            CriterionMark.objects.update_or_create(audit=audit, criterion=criterion,
                                                   defaults={"mark": mark})
        SectionGrade.objects.update_or_create(audit=audit, section=section.code,
                                              defaults={"grade": grade})
    return []


def answers(audit: Audit, framework: Framework) -> list[dict]:
    grades = dict(audit.sections.values_list("section", "grade"))
    marks = dict(audit.marks.values_list("criterion", "mark"))
    mark_labels = dict(MARKS)
    return [{"code": s.code, "title": s.title, "grade": framework.label.get(grades.get(s.code),
                                                                           ""),
             "marks": [(c.id, c.text, mark_labels.get(marks.get(c.id), ""))
                       for c in s.criteria if c.applies(audit.school_year)]}
            for s in framework.sections]


def submit(audit: Audit, framework: Framework) -> list[dict]:
    grades = dict(audit.sections.values_list("section", "grade"))
    missing = [s.code for s in framework.sections if s.code not in grades]
    if missing:
        return [_error(f"Grade section {code} before submitting", f"#section-{code}")
                for code in missing]
    with transaction.atomic():
        audit.overall_grade = framework.overall(grades)
        audit.status = Audit.SUBMITTED
        audit.save(update_fields=["overall_grade", "status"])
        ensure_follow_ups(audit)
        versions.changed([VERSION_KEY], [audit.la])
    return []


def history(user, audit: Audit) -> list[Audit]:
    """Every audit of the same plan the user may see, oldest first (re-audits show the
    change)."""
    return list(audits_for(user).filter(person_id=audit.person_id).order_by("audit_date",
                                                                           "id"))


def today_for(audit: Audit) -> date:
    """The date follow-ups are judged overdue on: the latest audit or follow-up recorded
    in the area (dated by the data, not the clock)."""
    latest = Audit.objects.filter(la=audit.la).aggregate(d=Max("audit_date"))["d"]
    done = FollowUp.objects.filter(la=audit.la).aggregate(d=Max("done_on"))["d"]
    return max(d for d in (latest, done, audit.audit_date) if d is not None)


def record_follow_up(audit: Audit, post) -> list[dict]:
    follow_up = audit.follow_ups.filter(pk=post.get("follow_up") or 0).first()
    if follow_up is None:
        return [_error("Choose a follow-up", "#follow-ups")]
    field = f"#done-{follow_up.pk}-day"  # each follow-up's date input, in its own form
    done, problem = date_input(post, "done_on", "The date it was done", date(2014, 9, 1))
    if done is None:
        return [_error(problem or "Enter the date it was done", field)]
    if done < audit.audit_date:
        return [_error("A follow-up cannot be done before the audit", field)]
    with transaction.atomic():
        follow_up.done_on = done
        follow_up.save(update_fields=["done_on"])
        versions.changed([VERSION_KEY], [audit.la])
    return []


# -- samples and assignments ---------------------------------------------------------------
def draw_sample(la: str, query) -> tuple[object, list[dict], dict]:
    values = {"size": query.get("size", ""), "margin": query.get("margin", ""),
              "seed": query.get("seed", ""), "by": query.getlist("by") or ["primary_need"]}
    errors = []
    size = margin = None
    if values["size"]:
        if not values["size"].isdigit() or int(values["size"]) < 1:
            errors.append(_error("Enter the sample size as a whole number", "#size"))
        else:
            size = int(values["size"])
    elif values["margin"]:
        try:
            margin = float(values["margin"])
            if not 0 < margin < 1:
                raise ValueError
        except ValueError:
            errors.append(_error("Enter the margin of error as a fraction, e.g. 0.05",
                                 "#margin"))
    else:
        errors.append(_error("Enter a sample size or a margin of error", "#size"))
    if not values["seed"].isdigit():
        errors.append(_error("Enter the seed as a whole number", "#seed"))
    by = tuple(d for d in values["by"] if d in DIMENSIONS)
    if not by:
        errors.append(_error("Choose at least one dimension to stratify by", "#by"))
    if errors:
        return None, errors, values
    try:
        return draw(la, int(values["seed"]), by, size=size, margin=margin), [], values
    except SampleError as error:
        return None, [_error(str(error), "#size")], values


def auditors(la: str) -> list[User]:
    return list(User.objects.filter(role=Role.AUDITOR, areas__code=la, is_active=True)
                .order_by("username"))


def identities(user, drawn) -> dict[int, str]:
    return identities_of(user, [r["id"] for r in drawn.chosen]) if drawn else {}


def assign(user, la: str, post) -> tuple[int, list[dict]]:
    auditor = User.objects.filter(pk=post.get("auditor") or 0, role=Role.AUDITOR,
                                  areas__code=la).first()
    if auditor is None:
        return 0, [_error("Choose an auditor", "#auditor")]
    ids = [int(x) for x in post.getlist("case") if x.isdigit()]
    people = list(Person.objects.for_user(user).filter(la=la, pk__in=ids))
    if not people:
        return 0, [_error("Choose at least one plan", "#cases")]
    with transaction.atomic():
        for person in people:
            Assignment.objects.get_or_create(
                person=person, auditor=auditor,
                defaults={"la": la, "assigned_on": timezone.localdate(),
                          "sample": (post.get("sample") or "")[:80]})
    return len(people), []


# -- moderation ----------------------------------------------------------------------------
def pairs_to_moderate(la: str) -> list[dict]:
    audits = {a.pk: a for a in Audit.objects.filter(la=la, status=Audit.SUBMITTED)}
    rows = [AuditRow(a.reference, a.person_id, a.audit_date, a.auditor, a.agency,
                     a.overall_grade) for a in audits.values()]
    by_ref = {a.reference: a for a in audits.values()}
    settled = {(m.first_id, m.second_id): m for m in Moderation.objects.filter(la=la)}
    out = []
    for first, second in double_audits(rows):
        a, b = by_ref[first.reference], by_ref[second.reference]
        out.append({"first": a, "second": b, "agree": a.overall_grade == b.overall_grade,
                    "moderation": settled.get((a.pk, b.pk))})
    return out


def moderate(user, la: str, post) -> list[dict]:
    pairs = {(p["first"].pk, p["second"].pk): p for p in pairs_to_moderate(la)}
    try:
        key = tuple(int(x) for x in (post.get("pair") or "").split("-"))
    except ValueError:
        key = ()
    if key not in pairs:
        return [_error("Choose a double-audited plan", "#pairs")]
    grade = post.get(f"agreed-{key[0]}-{key[1]}", "")
    if grade not in dict(GRADES):
        return [_error("Choose the agreed grade", f"#agreed-{key[0]}-{key[1]}")]
    with transaction.atomic():
        Moderation.objects.update_or_create(
            first_id=key[0], second_id=key[1],
            defaults={"la": la, "agreed_grade": grade, "moderated_on": timezone.localdate(),
                      "moderator": user.get_full_name() or user.username,
                      "rationale": (post.get(f"rationale-{key[0]}-{key[1]}") or "")[:2000]})
        versions.changed([VERSION_KEY], [la])
    return []
