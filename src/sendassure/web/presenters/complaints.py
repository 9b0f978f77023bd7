"""The complaints page's figures. Totals by year come from the figures service (family
``complaints``); the split by stage, the Ombudsman's decisions, remedies and the top
themes from ``kpis.complaints`` over the same complaints. Aggregate roles see every
table disclosure-controlled: counts of 1 to 4, and what would give one away by
subtraction (a stage against the total the figures service shows, responded against
received), are ``c``; a percentage of fewer than 5 or of a hidden count is ``c``."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date

from sendassure.figures.service import figures_for
from sendassure.kpis import complaints as K
from sendassure.kpis import periods as P
from sendassure.kpis.disclosure import show_count, show_ratio, suppress
from sendassure.voice.models import REMEDIES, STAGES
from sendassure.voice.queries import complaint_remedies, complaint_rows
from sendassure.voice.themes import taxonomy

COUNTS = ("received", "responded", "on_time", "upheld")
HIDDEN_PARTS = {"not_responded": ("received", "responded"), "late": ("responded", "on_time"),
                "not_upheld": ("responded", "upheld")}
STAGE_LABELS = dict(STAGES)
ALL = "all"


@dataclass
class Table:
    """A table shown on the page, with the same cells as CSV (``?table=ID&format=csv``)."""

    id: str
    caption: str
    columns: list[str]
    rows: list[list[str]]
    numeric: tuple[bool, ...] = ()
    notes: list[str] = field(default_factory=list)

    def csv(self) -> str:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(self.columns)
        writer.writerows([[c.replace(",", "") if n else c for c, n in
                           zip(row, self.numeric or (False,) * len(row), strict=False)]
                          for row in self.rows])
        return out.getvalue()


def _n(value: int) -> str:
    return f"{value:,}"


def _pc(value) -> str:
    return "z" if value is None else str(value)


def by_year(figures, years: list[int]) -> Table:
    """Received, responded, on time and upheld per calendar year, as the figures service
    gives them (controlled for aggregate roles there)."""
    rows = []
    for year in years:
        found = figures.family("complaints", P.calendar_year(year))
        partial = found["complaints_received"].status == "partial"
        rows.append([f"{year}{' (partial)' if partial else ''}",
                     *(found[m].text for m in (
                         "complaints_received", "complaints_responded", "complaints_on_time",
                         "pc_complaints_on_time", "complaints_upheld",
                         "pc_complaints_upheld"))])
    return Table("by-year", "Complaints by year received (every stage)",
                 ["Year", "Received", "Responded", "On time", "% on time", "Upheld",
                  "% upheld"], rows, (False, *(True,) * 6),
                 ["Partial: the data does not cover the whole year (see the data's dates "
                  "above)."] if any("partial" in r[0] for r in rows) else [])


def stage_counts(summaries: dict[str, dict]) -> tuple[dict, dict]:
    """(published counts, unpublished complements) keyed (stage, name)."""
    counts, hidden = {}, {}
    for stage, s in summaries.items():
        for name in COUNTS:
            counts[stage, name] = s[name]
        for name, (whole, part) in HIDDEN_PARTS.items():
            hidden[stage, name] = s[whole] - s[part]
    return counts, hidden


def hidden_cells(summaries: dict[str, dict], decisions: dict[str, int],
                 remedy_counts: dict[str, dict], settled: dict) -> set:
    """What an aggregate audience may not see of the page's tables together: the stages
    add up to the total (the figures service's, ``settled``), responded and its parts to
    received; the Ombudsman's decisions add up to its stage's cells; the Ombudsman's
    remedies are part of all remedies. Keys: (stage, name), ("decision", code),
    (``remedy`` | ``omb_remedy``, code)."""
    stages = [s for s in summaries if s != ALL]
    counts, unpublished = stage_counts(summaries)
    lines = []
    for stage in summaries:
        lines += [([(stage, "responded"), (stage, "not_responded")], (stage, "received")),
                  ([(stage, "on_time"), (stage, "late")], (stage, "responded")),
                  ([(stage, "upheld"), (stage, "not_upheld")], (stage, "responded"))]
    for name in (*COUNTS, *HIDDEN_PARTS):
        lines.append(([(s, name) for s in stages], (ALL, name)))
    omb = "ombudsman"
    counts |= {("decision", k): v for k, v in decisions.items()}
    lines += [([("decision", "open"), ("decision", "withdrawn")], (omb, "not_responded")),
              ([("decision", k) for k in ("upheld", "partly_upheld", "not_upheld",
                                          "no_outcome")], (omb, "responded")),
              ([("decision", "upheld"), ("decision", "partly_upheld")], (omb, "upheld")),
              ([("decision", "not_upheld"), ("decision", "no_outcome")],
               (omb, "not_upheld"))]
    for code, _ in REMEDIES:
        counts["remedy", code] = remedy_counts["all"][code]
        counts["omb_remedy", code] = remedy_counts[omb][code]
        unpublished["other_remedy", code] = remedy_counts["all"][code] - \
            remedy_counts[omb][code]
        lines.append(([("omb_remedy", code), ("other_remedy", code)], ("remedy", code)))
    return suppress(counts, lines, unpublished=unpublished, settled=settled)


def _count(value: int, key, hidden: set | None) -> str:
    return _n(value) if hidden is None else show_count(value, key in hidden)


def by_stage(summaries: dict[str, dict], year: int, hidden: set | None) -> Table:
    """``summaries``: ``kpis.complaints.by_stage`` plus ``all``; ``hidden``: None for
    child-level roles, else the cells to show as c."""
    rows = []
    for stage in [*(s for s in summaries if s != ALL), ALL]:
        s = summaries[stage]

        def ratio(pc, num, stage=stage, s=s):
            if hidden is None:
                return _pc(s[pc])
            return show_ratio(s[pc], (stage, num) in hidden, s["responded"],
                              (stage, "responded") in hidden)

        rows.append([STAGE_LABELS.get(stage, "All stages"),
                     *(_count(s[n], (stage, n), hidden) for n in ("received", "responded",
                                                                   "on_time")),
                     ratio("pc_on_time", "on_time"), _count(s["upheld"], (stage, "upheld"),
                                                            hidden),
                     ratio("pc_upheld", "upheld")])
    return Table("by-stage", f"Complaints received in {year} by stage",
                 ["Stage", "Received", "Responded", "On time", "% on time", "Upheld",
                  "% upheld"], rows, (False, *(True,) * 6))


def themes(rows: list[K.ComplaintRow], years: list[int], controlled: bool) -> Table:
    """The top five themes of each year received, each with its count (themes are not
    additive, so each count stands alone: 1 to 4 is c for aggregate roles)."""
    labels = taxonomy().themes
    found = K.themes_by_year(rows, years)
    body = []
    for year in years:
        cells = []
        for theme, n in found[year]:
            shown = show_count(n, 1 <= n < 5) if controlled else _n(n)
            cells.append(f"{labels.get(theme, theme)} ({shown})")
        body.append([str(year), *cells, *[""] * (K.TOP - len(cells))])
    return Table("themes", "Top five themes of the complaints received, by year (number of "
                 "complaints with the theme)", ["Year", "1st", "2nd", "3rd", "4th", "5th"],
                 body)


def remedy_counts(la: str, start: date, end: date) -> dict[str, dict]:
    pairs = complaint_remedies([la])
    return {"all": K.remedies(pairs, start, end),
            "ombudsman": K.remedies([p for p in pairs if p[0].stage == "ombudsman"], start,
                                    end)}


def remedies(found: dict, year: int, hidden: set | None, ombudsman: bool = False) -> Table:
    which, key = ("ombudsman", "omb_remedy") if ombudsman else ("all", "remedy")
    body = [[label, _count(found[which][code], (key, code), hidden)]
            for code, label in REMEDIES]
    where = " at the Ombudsman" if ombudsman else ""
    return Table("ombudsman-remedies" if ombudsman else "remedies",
                 f"Remedies of the complaints received{where} in {year} (a complaint with "
                 "two remedies counts under each)", ["Remedy", "Complaints"], body,
                 (False, True))


DECISIONS = {"open": "Not yet decided", "withdrawn": "Withdrawn", "upheld": "Upheld",
             "partly_upheld": "Partly upheld", "not_upheld": "Not upheld",
             "no_outcome": "Decided, outcome not recorded"}


def ombudsman(decisions: dict, total: int, year: int, hidden: set | None) -> Table:
    """The Ombudsman's decisions on the complaints it received in the year; the total is
    the Ombudsman row of the table by stage."""
    body = [[DECISIONS[k], _count(v, ("decision", k), hidden)] for k, v in decisions.items()]
    body.append(["Total", _count(total, ("ombudsman", "received"), hidden)])
    return Table("ombudsman", f"Ombudsman decisions on complaints it received in {year}",
                 ["Decision", "Complaints"], body, (False, True))


def complaints_page(la: str, year: int | None, controlled: bool) -> dict:
    figures = figures_for([la], None, controlled, stream="complaints")
    currency = figures.currency
    if not currency.has_data:
        return {"has_data": False, "tables": [], "years": []}
    years = list(range(currency.data_from.year, currency.data_to.year + 1))
    chosen = year if year in years else years[-1]
    start, end = date(chosen, 1, 1), date(chosen, 12, 31)
    rows = complaint_rows([la])
    deadlines = taxonomy().deadlines
    summaries = K.by_stage(rows, start, end, deadlines, [c for c, _ in STAGES])
    summaries[ALL] = {k: v for k, v in K.summary(rows, start, end, deadlines).items()
                      if k != "top_themes"}
    family = figures.family("complaints", P.calendar_year(chosen))
    decisions = K.outcomes(rows, "ombudsman", start, end)
    found = remedy_counts(la, start, end)
    hidden = hidden_cells(summaries, decisions, found, {
        (ALL, name): family[f"complaints_{name}"].text == "c" for name in COUNTS}) \
        if controlled else None
    tables = [by_year(figures, years), by_stage(summaries, chosen, hidden),
              themes(rows, [y for y in years if y <= chosen][-5:], controlled),
              remedies(found, chosen, hidden),
              ombudsman(decisions, summaries["ombudsman"]["received"], chosen, hidden),
              remedies(found, chosen, hidden, ombudsman=True)]
    return {"has_data": True, "years": years, "year": chosen, "tables": tables,
            "currency": currency.describe(), "notes": figures.notes}
