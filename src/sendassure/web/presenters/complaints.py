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
from sendassure.voice.models import OUTCOMES, REMEDIES, STAGES
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


def by_stage(summaries: dict[str, dict], year: int, controlled: bool,
             settled: dict | None = None) -> Table:
    """``summaries``: ``kpis.complaints.by_stage`` plus ``all``. ``settled``: the
    totals' state as the figures service shows them ((all, name) -> hidden)."""
    stages = [s for s in summaries if s != ALL]
    hidden: set = set()
    if controlled:
        counts, unpublished = stage_counts(summaries)
        lines = []
        for stage in summaries:
            lines += [([(stage, "responded"), (stage, "not_responded")], (stage, "received")),
                      ([(stage, "on_time"), (stage, "late")], (stage, "responded")),
                      ([(stage, "upheld"), (stage, "not_upheld")], (stage, "responded"))]
        for name in (*COUNTS, *HIDDEN_PARTS):
            lines.append(([(s, name) for s in stages], (ALL, name)))
        hidden = suppress(counts, lines, unpublished=unpublished, settled=settled or {})
    rows = []
    for stage in [*stages, ALL]:
        s = summaries[stage]

        def count(name, stage=stage, s=s):
            return show_count(s[name], (stage, name) in hidden) if controlled else _n(s[name])

        def ratio(pc, num, stage=stage, s=s):
            if not controlled:
                return _pc(s[pc])
            return show_ratio(s[pc], (stage, num) in hidden, s["responded"],
                              (stage, "responded") in hidden)

        rows.append([STAGE_LABELS.get(stage, "All stages"), count("received"),
                     count("responded"), count("on_time"), ratio("pc_on_time", "on_time"),
                     count("upheld"), ratio("pc_upheld", "upheld")])
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


def remedies(la: str, start: date, end: date, controlled: bool, stage: str | None = None,
             table_id: str = "remedies") -> Table:
    pairs = [(r, codes) for r, codes in complaint_remedies([la])
             if stage is None or r.stage == stage]
    found = K.remedies(pairs, start, end)
    body = [[label, show_count(found[code], 1 <= found[code] < 5) if controlled
             else _n(found[code])] for code, label in REMEDIES]
    where = "" if stage is None else " at the Ombudsman"
    return Table(table_id, f"Remedies of the complaints received{where} in {start.year} "
                 "(a complaint with two remedies counts under each)", ["Remedy", "Complaints"],
                 body, (False, True))


def ombudsman(rows: list[K.ComplaintRow], start: date, end: date, controlled: bool) -> Table:
    """The Ombudsman's decisions on the complaints it received in the period."""
    found = K.outcomes(rows, "ombudsman", start, end)
    total = sum(found.values())
    hidden: set = set()
    if controlled:
        counts = {**found, "total": total}
        hidden = suppress(counts, [(list(found), "total")])
    labels = {"open": "Not yet decided", **dict(OUTCOMES)}
    body = [[labels[k], show_count(v, k in hidden) if controlled else _n(v)]
            for k, v in found.items()]
    body.append(["Total", show_count(total, "total" in hidden) if controlled else _n(total)])
    return Table("ombudsman", f"Ombudsman decisions on complaints it received in {start.year}",
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
    settled = {(ALL, name): family[f"complaints_{name}"].text == "c" for name in COUNTS}
    tables = [by_year(figures, years), by_stage(summaries, chosen, controlled, settled),
              themes(rows, [y for y in years if y <= chosen][-5:], controlled),
              remedies(la, start, end, controlled), ombudsman(rows, start, end, controlled),
              remedies(la, start, end, controlled, "ombudsman", "ombudsman-remedies")]
    return {"has_data": True, "years": years, "year": chosen, "tables": tables,
            "currency": currency.describe(), "notes": figures.notes}
