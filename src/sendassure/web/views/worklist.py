"""The casework worklist and a case's page (child-level, audited): open assessments with
their stage, the 6- and 20-week deadlines, owner and team; filter, sort, search by case
reference, CSV of what is shown."""

from __future__ import annotations

import csv
from datetime import date

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render

from sendassure.casework.models import CaseAssignment
from sendassure.casework.queries import assignments_of, identities_of, open_request_for
from sendassure.casework.worklist import FLAGS, SORTS, STAGES, choose, worklist_rows
from sendassure.core import audit
from sendassure.core.permissions import requires, shows_child_data
from sendassure.figures.inputs import case_frames
from sendassure.figures.memo import Memo
from sendassure.figures.registry import STREAMS
from sendassure.figures.service import figures_for
from sendassure.kpis.breakdowns import AGE_GROUPS, UNKNOWN
from sendassure.kpis.open_assessments import worklist

from ..presenters.params import as_of_param, date_input

COLUMNS = ("received_date", "age_weeks", "stage_label", "days_left_to_6_weeks",
           "days_left_to_20_weeks", "over_20", "over_30", "over_52", "due_to_breach_4_weeks",
           "decision_overdue", "age_group", "locality", "owner", "team")
FILTERS = ("stage", "flag", "age_group", "team", "locality", "reference", "sort")


_ENGINE = Memo(32)  # the engine's open cases as rows, by areas, records version and date


def _engine_rows(areas: list[str], as_of: date) -> list[dict]:
    """The open cases on ``as_of`` as the engine gives them (never changed by callers),
    kept until the areas' records change: the same for every caseworker of the areas."""
    def make() -> list[dict]:
        return list(worklist(case_frames(areas).requests, as_of).iter_rows(named=True))

    return _ENGINE.get_for(STREAMS["sen2"].version(areas), (tuple(sorted(areas)), as_of),
                           make)


def _rows(request, as_of):
    engine = _engine_rows(request.user.area_codes, as_of)
    kept = assignments_of(request.user, [r["request_id"] for r in engine])
    return worklist_rows(engine, as_of, kept)


@requires("child_level")
@shows_child_data
def worklist_page(request):
    errors = []
    areas = request.user.area_codes
    currency = figures_for(areas).currency
    as_of, problem = as_of_param(request)
    if problem:
        errors.append(problem)
    # the default is the data's end, never today: ages are measured to the latest data
    as_of = as_of or currency.data_to
    everything = _rows(request, as_of) if areas and as_of else []
    chosen = {name: (request.GET.get(name) or "").strip() for name in FILTERS}
    rows = choose(everything, **chosen)
    if request.GET.get("format") == "csv":
        ids = identities_of(request.user, [r["person_id"] for r in rows])
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="worklist-{as_of}.csv"'
        writer = csv.writer(response)
        writer.writerow(["la", "request_id", "upn_or_uln", *COLUMNS, "flags"])
        for r in rows:
            writer.writerow([r["la"], r["request_id"], ids.get(r["person_id"], ""),
                             *[_cell(r[c]) for c in COLUMNS],
                             "; ".join(label for _, label, _ in r["flags"])])
        audit.record(request, "export", "Worklist", "",
                     f"CSV: {len(rows)} open cases as at {as_of}{_described(chosen)}")
        return response
    page = Paginator(rows, 100).get_page(request.GET.get("page"))
    ids = identities_of(request.user, [r["person_id"] for r in page])
    audit.record(request, "view", "Worklist", "",
                 f"{len(rows)} open cases as at {as_of}{_described(chosen)}, page {page.number}")
    query = {"as_of": as_of.isoformat() if as_of else "",
             **{k: v for k, v in chosen.items() if v}}
    return render(request, "casework/worklist.html", {
        "title": "Open assessments worklist", "page": page, "as_of": as_of, "ids": ids,
        "errors": errors, "total": len(everything), "shown": len(rows),
        "currency": currency.describe(), "chosen": chosen, "query": query,
        "options": _options(everything, chosen),
        "counts": {
            "over_20": sum(r["over_20"] for r in rows), "over_52": sum(r["over_52"] for r in rows),
            "due": sum(r["due_to_breach_4_weeks"] for r in rows),
            "decision_overdue": sum(r["decision_overdue"] for r in rows),
        },
    })


@requires("child_level")
@shows_child_data
def case_page(request, pk: int):
    """One open case: where it stands against the deadlines, and who owns it. Casework
    records the owner, team and the date the draft plan was sent."""
    case = open_request_for(request.user, pk)
    kept = CaseAssignment.objects.filter(request=case).first()
    errors: dict[str, str] = {}
    values = {"owner": kept.owner if kept else "", "team": kept.team if kept else ""}
    if request.method == "POST":
        values = {"owner": request.POST.get("owner", "").strip(),
                  "team": request.POST.get("team", "").strip()}
        # a draft cannot go out before the request it answers was received
        draft, problem = date_input(request.POST, "draft", "The date the draft plan was sent",
                                    earliest=case.received_date or date(2014, 1, 1))
        for name in ("owner", "team"):
            if len(values[name]) > 120:
                errors[name] = f"{name.capitalize()} must be 120 characters or fewer"
        if problem:
            errors["draft-day"] = problem
        if not errors:
            CaseAssignment.objects.update_or_create(
                request=case, defaults={"la": case.la, "owner": values["owner"],
                                        "team": values["team"], "draft_sent_on": draft,
                                        "updated_by": request.user})
            audit.record(request, "change", "CaseAssignment", case.pk,
                         f"case {case.la}-{case.pk}: owner, team, draft sent")
            messages.success(request, f"Case {case.la}-{case.pk} updated.")
            return redirect("case", pk=case.pk)
    as_of = figures_for([case.la]).currency.data_to
    row = next((r for r in _rows(request, as_of) if r["request_id"] == case.pk), None) \
        if as_of else None
    identity = identities_of(request.user, [case.person_id]).get(case.person_id, "")
    audit.record(request, "view", "Request", case.pk, f"case {case.la}-{case.pk}")
    draft = kept.draft_sent_on if kept else None
    if request.method == "POST":
        draft_parts = {p: request.POST.get(f"draft-{p}", "") for p in ("day", "month", "year")}
    else:
        draft_parts = ({"day": draft.day, "month": draft.month, "year": draft.year}
                       if draft else {})
    return render(request, "casework/case.html", {
        "title": f"Case {case.la}-{case.pk}", "case": case, "row": row, "as_of": as_of,
        "identity": identity, "kept": kept, "values": values, "draft": draft_parts,
        "errors": errors,
        "errors_list": [{"text": t, "href": f"#{k}"} for k, t in errors.items()],
    }, status=400 if errors else 200)


def _cell(value):
    return "" if value is None else value


def _described(chosen: dict) -> str:
    shown = [f"{k}={v}" for k, v in chosen.items() if v and k != "sort"]
    return f" (filtered: {', '.join(shown)})" if shown else ""


def _options(rows: list[dict], chosen: dict) -> dict:
    """Each filter's choices as GOV.UK select items, the chosen one selected."""

    def items(pairs, name, everything="All"):
        return [{"value": "", "text": everything}] + [
            {"value": v, "text": t, "selected": chosen[name] == v} for v, t in pairs]

    teams = sorted({r["team"] for r in rows if r["team"]})
    localities = sorted({r["locality"] or UNKNOWN for r in rows})
    return {
        "stage": items(STAGES.items(), "stage"),
        "flag": items([(k, label) for k, label, _, _ in FLAGS], "flag"),
        "age_group": items([(g, g) for g, _, _ in AGE_GROUPS] + [(UNKNOWN, UNKNOWN)],
                           "age_group"),
        "team": items([(t, t) for t in teams], "team"),
        "locality": items([(place, place) for place in localities], "locality"),
        "sort": [{"value": k, "text": label, "selected": (chosen["sort"] or "oldest") == k}
                 for k, (label, _) in SORTS.items()],
    }
