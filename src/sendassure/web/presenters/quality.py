"""The plan quality pages' figures. Grade counts by quarter come from the figures
service (family ``plan_quality``); the section heat map, the table by agency and the
agreement statistics from ``kpis.plan_quality`` over the same audits. Aggregate roles
see every table disclosure-controlled (counts of 1 to 4 and what gives them away are c;
kappa and agreement need 5 double-audited plans)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import polars as pl

from sendassure.charts.series import bar_figure, line_figure
from sendassure.charts.trend import trend_figure
from sendassure.figures.service import figures_for
from sendassure.kpis import periods as P
from sendassure.kpis.agreement import GRADES
from sendassure.kpis.disclosure import CONFIDENTIAL, THRESHOLD, suppress, suppress_grid
from sendassure.kpis.percent import percent
from sendassure.kpis.plan_quality import (
    AuditRow,
    double_audits,
    in_period,
    section_grades,
    summary,
)
from sendassure.quality.framework import default
from sendassure.quality.models import AGENCIES

LABELS = {"outstanding": "Outstanding", "good": "Good",
          "requires_improvement": "Requires improvement", "inadequate": "Inadequate"}


@dataclass
class Grid:
    caption: str
    row_title: str
    rows: list[str]  # row labels, then "Total"
    columns: list[str]  # grade labels, then "Total"
    cells: list[list[str]]


def grid(caption: str, row_title: str, labels: list[str], counts: list[list[int]],
         controlled: bool) -> Grid:
    """Counts by grade per row, with totals; controlled for aggregate roles."""
    if not labels:
        return Grid(caption, row_title, [], [], [])
    if controlled:
        cells = suppress_grid(counts)
    else:
        full = [row + [sum(row)] for row in counts]
        full.append([sum(col) for col in zip(*full, strict=True)])
        cells = [[f"{n:,}" for n in row] for row in full]
    return Grid(caption, row_title, labels + ["Total"],
                [LABELS[g] for g in GRADES] + ["Total"], cells)


def quarters_between(first: date, last: date) -> list[P.Period]:
    return P.between(P.QUARTER, first, last)


def grade_figures(la: str, first: date, last: date, as_of: date | None, controlled: bool):
    """A stacked bar of audits by grade per quarter, % good or better per quarter and the
    same series as an SPC (XmR) chart, all from the figures service."""
    figures = figures_for([la], as_of, controlled, stream="quality")
    bars, line = [], []
    for quarter in quarters_between(first, last):
        found = figures.family("plan_quality", quarter)
        for g in GRADES:
            f = found[g]
            bars.append({"quarter": quarter.label, "grade": LABELS[g],
                         "audits": None if f.text == CONFIDENTIAL else f.value,
                         "flag": f.text if f.text == CONFIDENTIAL else None})
        pc = found["pc_good_or_better"]
        line.append({"quarter": quarter.label + (" (partial)" if pc.status == "partial"
                                                 else ""),
                     "group": "% good or better",
                     "value": None if pc.value is None or pc.text in ("c", "x", "z")
                     else float(pc.value),
                     "flag": pc.text if pc.text in ("c", "x", "z") else None})
    if not bars:
        return figures, []
    frame = pl.DataFrame(bars, schema={"quarter": pl.Utf8, "grade": pl.Utf8,
                                       "audits": pl.Int64, "flag": pl.Utf8})
    stacked = bar_figure("grades-by-quarter", "Figure: audited EHC plans by overall grade, by "
                         "quarter", frame, "quarter", "audits", "grade", stacked=True,
                         y_title="Audits", x_title="Quarter", series_title="Grade",
                         suppressed="flag", decimals=0,
                         notes=("c: a count of 1 to 4, or one that would give such a count "
                                "away, is not shown to aggregate audiences.",) if controlled
                         else ())
    trend = line_figure("good-or-better", "Figure: % of audited plans good or better, by "
                        "quarter", pl.DataFrame(line, schema={"quarter": pl.Utf8,
                                                              "group": pl.Utf8,
                                                              "value": pl.Float64,
                                                              "flag": pl.Utf8}),
                        "quarter", "value", None, "% good or better", "%",
                        x_title="Quarter", suppressed="flag",
                        notes=("Kent's programme: 20% good in March 2020, 75% in March "
                               "2021 (seeds).",))
    spc = trend_figure(figures, "pc_good_or_better", quarters_between(first, last),
                       id="good-or-better-spc", caption="Figure: % of audited plans good or "
                       "better by quarter, with process limits (XmR chart)",
                       y_title="% good or better",
                       counts=(("Good or better", "good_or_better"), ("Audits", "audits")))
    return figures, [stacked, trend, spc]


def heat_map(rows: list[AuditRow], first: date, last: date, controlled: bool) -> Grid:
    codes = [s.code for s in default().sections]
    found = section_grades(rows, first, last, codes)
    return grid("Section grades of the audits in the period (heat map: more requires "
                "improvement or inadequate, the weaker the section)", "Section", codes,
                [[found[c][g] for g in GRADES] for c in codes], controlled)


def by_agency(rows: list[AuditRow], first: date, last: date, controlled: bool) -> Grid:
    chosen = in_period(rows, first, last)
    agencies = [(code, label) for code, label in AGENCIES
                if any(a.agency == code for a in chosen)]
    return grid("Overall grades by the auditor's agency", "Agency",
                [label for _, label in agencies],
                [[sum(1 for a in chosen if a.agency == code and a.overall_grade == g)
                  for g in GRADES] for code, _ in agencies], controlled)


def agreement_over_time(rows: list[AuditRow], first: date, last: date,
                        controlled: bool) -> list[dict]:
    """Per quarter and for the whole period: double-audited plans, % agreement and the
    kappas. For aggregate roles the pair counts are disclosure-controlled along
    quarters -> whole period, and agreement and kappa need 5 pairs shown (a kappa of one
    or two plans says what each auditor graded them)."""
    periods = [(q.label, q.start, q.end) for q in quarters_between(first, last)]
    periods.append(("Whole period", first, last))
    found = {label: summary(rows, a, b) for label, a, b in periods}
    counts = {label: f["double_audited"] for label, f in found.items()}
    hidden = suppress(counts, [([p[0] for p in periods[:-1]], "Whole period")]) \
        if controlled else set()
    out = []
    for label, f in found.items():
        hide = label in hidden or (controlled and counts[label] < THRESHOLD)

        def shown(value, hide=hide):
            return CONFIDENTIAL if hide else "" if value is None else f"{value}"

        out.append({"label": label,
                    "pairs": CONFIDENTIAL if label in hidden else f"{counts[label]}",
                    "agreement": shown(f["agreement_pc"]), "kappa": shown(f["kappa"]),
                    "kappa_linear": shown(f["kappa_linear"])})
    return out


def by_auditor(rows: list[AuditRow], first: date, last: date) -> list[dict]:
    """Analysts only: each auditor's audits, share good or better and how often their
    double audits agreed with the other auditor."""
    chosen = in_period(rows, first, last)
    pairs = double_audits(chosen)
    out = []
    for name in sorted({a.auditor for a in chosen}, key=str.lower):
        mine = [a for a in chosen if a.auditor == name]
        theirs = [(a, b) for a, b in pairs if name in (a.auditor, b.auditor)]
        agreed = sum(1 for a, b in theirs if a.overall_grade == b.overall_grade)
        better = sum(1 for a in mine if a.overall_grade in ("outstanding", "good"))
        out.append({"auditor": name, "audits": len(mine),
                    "good_or_better": f"{better} of {len(mine)}",
                    "double_audits": len(theirs),
                    "agreed": f"{agreed} of {len(theirs)}" if theirs else ""})
    return out


def audited_mix(la: str, rows: list[AuditRow], first: date, last: date):
    """How representative the plans audited in the period are of the area's active plans
    (on the date its case data ends): (checks, plans compared, plans audited)."""
    from sendassure.quality.sampling import active_caseload, representativeness

    _, caseload = active_caseload(la)
    plans = {a.plan for a in in_period(rows, first, last)}
    chosen = [r for r in caseload if r["id"] in plans]
    return representativeness(chosen, caseload), len(chosen), len(plans)


def controlled_mix(checks, compared: int, audited: int) -> tuple[list, str, str, list[str]]:
    """The representativeness checks as an aggregate audience sees them: (checks shown,
    plans compared, plans audited, dimensions held back). The two counts go through the
    shared suppression (the plans audited but no longer active are their difference). A
    dimension is held back when some group holds 1 to 4 of the audited plans: its sample
    share and the largest gap, with the caseload's shares, would give that count away.
    Nothing is compared with fewer than 5 plans."""
    counts = {"compared": compared, "gone": audited - compared, "audited": audited}
    hidden = suppress(counts, [(("compared", "gone"), "audited")])
    text = {k: CONFIDENTIAL if k in hidden else f"{v:,}" for k, v in counts.items()}
    if compared < THRESHOLD:
        return [], text["compared"], text["audited"], []
    shown = [c for c in checks if not any(1 <= o < THRESHOLD for o in c.fit.observed)]
    held = [c.dimension for c in checks if c not in shown]
    return shown, text["compared"], text["audited"], held


def section_agreement_rows(rows: list[AuditRow], first: date, last: date,
                           controlled: bool) -> list[dict]:
    """Per section: agreement over the double-audited plans both auditors graded it in
    (c below 5 such plans for aggregate roles)."""
    from sendassure.kpis.plan_quality import section_agreement

    codes = [s.code for s in default().sections]
    out = []
    for code, found in section_agreement(rows, first, last, codes).items():
        hide = controlled and found["pairs"] < THRESHOLD

        def shown(value, hide=hide):
            return CONFIDENTIAL if hide else "" if value is None else f"{value}"

        out.append({"section": code, "pairs": CONFIDENTIAL if controlled and
                    0 < found["pairs"] < THRESHOLD else f"{found['pairs']}",
                    "agreement": shown(found["agreement_pc"]), "kappa": shown(found["kappa"]),
                    "kappa_linear": shown(found["kappa_linear"])})
    return out


def reaudits(la: str, first: date, last: date, controlled: bool) -> dict:
    """Plans graded requires improvement or inadequate in the period and audited again:
    how many got better, stayed the same or got worse (counts controlled for aggregate
    roles along better + same + worse = re-audited)."""
    from sendassure.quality.loop import changes
    from sendassure.quality.models import Audit

    audits = Audit.objects.filter(la=la, status=Audit.SUBMITTED)
    found = [c for c in changes(audits) if first <= c.before.audit_date <= last]
    counts = {"reaudited": len(found),
              **{k: sum(1 for c in found if c.direction == w)
                 for k, w in (("better", "better"), ("same", "the same"), ("worse", "worse"))}}
    hidden = suppress(counts, [(["better", "same", "worse"], "reaudited")]) if controlled \
        else set()
    return {k: CONFIDENTIAL if k in hidden else f"{v:,}" for k, v in counts.items()}


def criteria_met(la: str, first: date, last: date, controlled: bool) -> list[dict]:
    """Section scores: each criterion's share of audits (made with the form, in the
    period) that met it, of those where it applied; counts controlled for aggregate
    roles along met + partly + not met = answered."""
    from sendassure.quality.models import Audit, CriterionMark

    marks = CriterionMark.objects.filter(
        audit__la=la, audit__status=Audit.SUBMITTED, audit__audit_date__gte=first,
        audit__audit_date__lte=last).values_list("criterion", "mark")
    counts: dict[str, dict[str, int]] = {}
    for criterion, mark in marks:
        counts.setdefault(criterion, {}).setdefault(mark, 0)
        counts[criterion][mark] += 1
    out = []
    for section in default().sections:
        for c in section.criteria:
            found = counts.get(c.id, {})
            row = {k: found.get(k, 0) for k in ("met", "partly", "not_met")}
            answered = sum(row.values())
            if not answered:
                continue
            cells = {**row, "answered": answered}
            hidden = suppress(cells, [(["met", "partly", "not_met"], "answered")]) \
                if controlled else set()
            pc = percent(row["met"], answered)
            out.append({"criterion": c.id, "text": c.text,
                        **{k: CONFIDENTIAL if k in hidden else f"{v:,}"
                           for k, v in cells.items()},
                        "pc_met": CONFIDENTIAL if {"met", "answered"} & hidden or (
                            controlled and answered < THRESHOLD) else f"{pc}"})
    return out
