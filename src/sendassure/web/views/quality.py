"""EHC plan quality assurance pages.

- ``/quality/``: the dashboard (every signed-in role; disclosure-controlled for aggregate
  roles): grades by quarter, % good or better, the section heat map, grades by agency,
  agreement over time, how representative the audited plans are; analysts also see each
  auditor's figures.
- ``/quality/audits/``: the audits and plans to audit a user may see (auditors: only the
  plans assigned to them); starting an audit, one framework section a page (save and
  return; no JavaScript needed), check answers and submit; an audit's page. Every view
  of a plan's audit is recorded in the audit log.
- ``/quality/sample/``: analysts draw a stratified sample and assign it to auditors.
- ``/quality/moderation/``: analysts settle the agreed grade of a double-audited plan;
  follow-ups are marked done on the audit's page.
"""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from sendassure.core import audit as audit_log
from sendassure.core.jinja import counted
from sendassure.core.permissions import requires, shows_child_data
from sendassure.core.roles import Role, is_aggregate
from sendassure.kpis import periods as P
from sendassure.quality.models import AGENCIES, GRADES, MARKS

from ..presenters import quality as present
from ..presenters import quality_forms as forms


def _la(request) -> str:
    mine = request.user.area_codes
    chosen = request.GET.get("area") or ""
    return chosen if chosen in mine else (mine[0] if mine else "")


def _period(request, rows) -> tuple[date, date, list[str]]:
    """From and to (default: the 12 months to the latest audit held: dated by the data)."""
    errors = []
    last = max((a.audit_date for a in rows), default=date(2000, 1, 1))
    first = P.add_months(last.replace(day=1), -11)
    for name in ("from", "to"):
        text = request.GET.get(name)
        if not text:
            continue
        try:
            value = date.fromisoformat(text)
        except ValueError:
            errors.append(f"Enter the '{name}' date as year-month-day, for example 2024-03-27")
            continue
        if not date(2014, 9, 1) <= value <= date(2100, 12, 31):
            errors.append(f"The '{name}' date must be between 1 September 2014 and 2100")
            continue
        if name == "from":
            first = value
        else:
            last = value
    if last < first:
        errors.append("The 'to' date must be on or after the 'from' date")
        first = last
    return first, last, errors


@requires("aggregates")
def quality_dashboard(request):
    from sendassure.quality.queries import audit_rows

    la = _la(request)
    controlled = is_aggregate(request.user)
    rows = audit_rows([la]) if la else []
    first, last, errors = _period(request, rows)
    figures, charts = present.grade_figures(la, first, last, None, controlled) if rows else \
        (None, [])
    if request.GET.get("format") == "csv":
        wanted = next((f for f in charts if f.id == request.GET.get("figure")), None)
        if wanted is None:
            raise Http404("No such figure")
        response = HttpResponse(wanted.csv(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="quality-{la}-{wanted.id}.csv"'
        return response
    checks, compared, audited = present.audited_mix(la, rows, first, last) if rows else \
        ([], 0, 0)
    held: list[str] = []
    if controlled:  # no group of 1 to 4 audited plans shown or derivable
        checks, compared, audited, held = present.controlled_mix(checks, compared, audited)
    return render(request, "quality/dashboard.html", {
        "title": "EHC plan quality", "la": la, "rows": rows, "first": first, "last": last,
        "errors": errors, "charts": charts, "controlled": controlled,
        "currency": figures.currency.describe() if figures else "",
        "heat": present.heat_map(rows, first, last, controlled),
        "agencies": present.by_agency(rows, first, last, controlled),
        "agreement": present.agreement_over_time(rows, first, last, controlled),
        "sections": present.section_agreement_rows(rows, first, last, controlled),
        "criteria": present.criteria_met(la, first, last, controlled) if rows else [],
        "reaudits": present.reaudits(la, first, last, controlled) if rows else {},
        "auditors": [] if controlled else present.by_auditor(rows, first, last),
        "checks": checks, "compared": compared, "audited": audited, "held": held,
    }, status=400 if errors else 200)


@requires("audit_plans")
@shows_child_data
def audit_list(request):
    from sendassure.quality.queries import audits_for

    found = forms.worklist(request.user, request.GET.get("upn", ""))
    audit_log.record(request, "view", "Audit", "", f"audit list ({len(found.cases)} plans)")
    return render(request, "quality/audits.html", {
        "title": "Plan quality audits", "found": found,
        "audits": audits_for(request.user).select_related("framework").order_by(
            "-audit_date", "-id")[:200],
        "grades": dict(GRADES), "agencies": dict(AGENCIES),
    })


@requires("audit_plans")
@shows_child_data
def audit_start(request):
    """Start an audit: choose one of the plans the user may audit (by UPN), the agency
    audited for, and the child's school year (preparing for adulthood from Year 9)."""
    found = forms.worklist(request.user, request.GET.get("upn", ""))
    error = ""
    if request.method == "POST":
        audit, error = forms.start_audit(request.user, request.POST)
        if audit is not None:
            audit_log.record(request, "create", "Audit", audit.pk,
                             f"audit {audit.reference} started", areas=[audit.la])
            return redirect("quality-section", audit.pk, forms.sections_of(audit)[0].code)
    audit_log.record(request, "view", "Audit", "", f"start an audit ({len(found.cases)} plans)")
    chosen = request.POST.get("case") or request.GET.get("case") or ""
    return render(request, "quality/start.html", {
        "title": "Start an audit", "found": found, "error": error, "chosen": chosen,
        "agencies": AGENCIES, "values": request.POST if request.method == "POST" else {},
    }, status=400 if error else 200)


@requires("audit_plans")
@shows_child_data
def audit_section(request, pk: int, code: str):
    audit = forms.audit_for(request.user, pk)
    framework = forms.framework_for(audit)
    sections = forms.sections_of(audit)
    section = next((s for s in sections if s.code == code), None)
    if section is None:
        raise Http404("No such section")
    editable = forms.editable(request.user, audit)
    errors = []
    values = forms.section_values(audit, section)
    if request.method == "POST":
        if not editable:
            raise Http404("This audit cannot be changed")
        values = request.POST
        errors = forms.save_section(audit, framework, section, request.POST)
        if not errors:
            audit_log.record(request, "change", "Audit", audit.pk,
                             f"audit {audit.reference} section {code}", areas=[audit.la])
            if "save_and_return" in request.POST:
                messages.success(request, f"Section {code} saved. You can come back to "
                                 "this audit from the audits page.")
                return redirect("quality-audits")
            following = forms.next_section(sections, code)
            return redirect("quality-section", audit.pk, following.code) if following \
                else redirect("quality-check", audit.pk)
    else:
        audit_log.record(request, "view", "Audit", audit.pk,
                         f"audit {audit.reference} section {code}", areas=[audit.la])
    index = [s.code for s in sections].index(code)
    back = (reverse("quality-section", args=[audit.pk, sections[index - 1].code])
            if index else reverse("quality-audits"))
    return render(request, "quality/section.html", {
        "title": section.title, "audit": audit, "section": section,
        "criteria": [c for c in section.criteria if c.applies(audit.school_year)],
        "values": values, "errors": errors, "editable": editable, "back": back,
        "marks": MARKS, "grades": [(g.code, g.label) for g in framework.grades],
        "position": f"Section {index + 1} of {len(sections)}",
    }, status=400 if errors else 200)


@requires("audit_plans")
@shows_child_data
def audit_check(request, pk: int):
    audit = forms.audit_for(request.user, pk)
    framework = forms.framework_for(audit)
    editable = forms.editable(request.user, audit)
    errors = []
    if request.method == "POST":
        if not editable:
            raise Http404("This audit cannot be changed")
        errors = forms.submit(audit, framework)
        if not errors:
            audit_log.record(request, "change", "Audit", audit.pk,
                             f"audit {audit.reference} submitted", areas=[audit.la])
            messages.success(request, f"Audit {audit.reference} submitted: "
                             f"{framework.label[audit.overall_grade].lower()}.")
            return redirect("quality-audit", audit.pk)
    else:
        audit_log.record(request, "view", "Audit", audit.pk,
                         f"audit {audit.reference} check answers", areas=[audit.la])
    return render(request, "quality/check.html", {
        "title": "Check your answers before submitting the audit", "audit": audit,
        "summary": forms.answers(audit, framework), "errors": errors, "editable": editable,
        "overall": framework.overall(dict(audit.sections.values_list("section", "grade"))),
        "labels": framework.label,
    }, status=400 if errors else 200)


@requires("audit_plans")
@shows_child_data
def audit_detail(request, pk: int):
    from sendassure.quality.loop import overdue

    audit = forms.audit_for(request.user, pk)
    framework = forms.framework_for(audit)
    audit_log.record(request, "view", "Audit", audit.pk, f"audit {audit.reference}",
                     areas=[audit.la])
    follow_ups = list(audit.follow_ups.all())
    errors = []
    if request.method == "POST":
        if request.user.role not in (Role.ADMINISTRATOR, Role.ANALYST):
            raise Http404("Only analysts record follow-ups")
        errors = forms.record_follow_up(audit, request.POST)
        if not errors:
            audit_log.record(request, "change", "FollowUp", audit.pk,
                             f"audit {audit.reference} follow-up done", areas=[audit.la])
            messages.success(request, "Follow-up recorded as done.")
            return redirect("quality-audit", audit.pk)
    return render(request, "quality/detail.html", {
        "title": f"Audit {audit.reference}", "audit": audit,
        "summary": forms.answers(audit, framework), "labels": framework.label,
        "follow_ups": follow_ups, "overdue": {f.pk for f in overdue(follow_ups,
                                                                     forms.today_for(audit))},
        "history": forms.history(request.user, audit),
        "can_record": request.user.role in (Role.ADMINISTRATOR, Role.ANALYST),
        "agencies": dict(AGENCIES), "errors": errors,
        "values": request.POST if request.method == "POST" else {},
    }, status=400 if errors else 200)


@requires("analyse")
@shows_child_data
def sample_page(request):
    la = _la(request)
    drawn, errors, values = forms.draw_sample(la, request.GET) if request.GET.get("seed") \
        else (None, [], {"size": "", "margin": "0.05", "seed": "", "by": ["primary_need",
                                                                         "phase"]})
    if request.method == "POST":
        count, errors = forms.assign(request.user, la, request.POST)
        if not errors:
            audit_log.record(request, "create", "Assignment", "", f"{count} plans assigned",
                             areas=[la])
            messages.success(request, f"{counted(count, 'plan')} assigned.")
            return redirect("quality-sample")
    audit_log.record(request, "view", "Sample", "", f"sample of {drawn.size} plans"
                     if drawn else "sample page", areas=[la])
    return render(request, "quality/sample.html", {
        "title": "Sample plans to audit", "la": la, "drawn": drawn, "errors": errors,
        "values": values, "auditors": forms.auditors(la),
        "identities": forms.identities(request.user, drawn),
    }, status=400 if errors else 200)


@requires("analyse")
@shows_child_data
def moderation(request):
    la = _la(request)
    pairs = forms.pairs_to_moderate(la)
    errors = []
    if request.method == "POST":
        errors = forms.moderate(request.user, la, request.POST)
        if not errors:
            audit_log.record(request, "create", "Moderation", "", "agreed grade recorded",
                             areas=[la])
            messages.success(request, "Agreed grade recorded.")
            return redirect("quality-moderation")
    audit_log.record(request, "view", "Moderation", "", f"{len(pairs)} double audits",
                     areas=[la])
    return render(request, "quality/moderation.html", {
        "title": "Moderation of double-audited plans", "pairs": pairs, "errors": errors,
        "grades": GRADES, "labels": dict(GRADES),
    }, status=400 if errors else 200)
