"""Write a review pack as HTML, PDF (WeasyPrint, tagged PDF/UA, no network) or XLSX."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import BinaryIO, NamedTuple

from jinja2 import Environment, FileSystemLoader, select_autoescape

from sendassure.charts.outcomes import text
from sendassure.kpis.periods import long_date

from .review_pack import ReviewPack

TEMPLATES = Path(__file__).parent / "templates"


def no_network():
    """A WeasyPrint URL fetcher that allows only inline ``data:`` resources: a pack never
    touches the network or the file system."""
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols=["data"], timeout=1)


def render_html(pack: ReviewPack) -> str:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]))
    env.filters["published"] = published_text
    env.filters["long_date"] = long_date
    return env.get_template("review-pack.html").render(pack=pack)


def inline_style_hashes(page: str) -> list[str]:
    """Base64 SHA-256 of each ``<style>`` element's content, as a Content-Security-Policy
    ``'sha256-...'`` source names it (the exact text between the tags)."""
    import base64
    import hashlib
    import re

    return [base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
            for body in re.findall(r"<style>(.*?)</style>", page, flags=re.S)]


def published_text(value) -> str:
    """A published count as printed (thousands separated); "" when not published."""
    return text(value)


def _target(path: Path | BinaryIO):
    return str(path) if isinstance(path, Path) else path


def write_pdf(pack: ReviewPack, path: Path | BinaryIO) -> None:
    from weasyprint import HTML

    HTML(string=render_html(pack), url_fetcher=no_network()).write_pdf(
        _target(path), pdf_variant="pdf/ua-1", pdf_tags=True, custom_metadata=True,
    )


def write_xlsx(pack: ReviewPack, path: Path | BinaryIO) -> None:
    """The pack as a workbook whose cells are typed: numbers as numbers (percentages and
    means to one place), dates as dates, symbols (c, x, z) and words as text."""
    import xlsxwriter

    book = xlsxwriter.Workbook(_target(path), {"in_memory": True})
    bold = book.add_format({"bold": True})
    formats = {"count": book.add_format({"num_format": "#,##0"}),
               "percent": book.add_format({"num_format": "0.0"}),
               "weeks": book.add_format({"num_format": "0.0"}),
               "date": book.add_format({"num_format": "d mmm yyyy"}),
               "published": book.add_format({"num_format": "General"})}

    def cell(ws, r, c, value, kind=None):
        if isinstance(value, Typed):
            value, kind = value
        if value is None or value == "":
            ws.write_blank(r, c, None)
        elif isinstance(value, date):
            ws.write_datetime(r, c, datetime.combine(value, datetime.min.time()),
                              formats["date"])
        elif isinstance(value, bool):
            ws.write_string(r, c, "yes" if value else "no")
        elif isinstance(value, int | float | Decimal):
            ws.write_number(r, c, float(value), formats.get(kind or "count"))
        else:
            ws.write_string(r, c, str(value))

    def sheet(name, headers, rows, kinds=()):
        ws = book.add_worksheet(name)
        for c, h in enumerate(headers):
            ws.write_string(0, c, h, bold)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row):
                cell(ws, r, c, value, kinds[c] if c < len(kinds) else None)
        ws.freeze_panes(1, 0)
        ws.set_column(0, len(headers) - 1, 24)

    sheet("About", ["item", "value"], [
        ("plan", pack.plan.title), ("review", pack.review_label), ("review date", pack.review),
        ("figures as known on", pack.as_of), ("data", pack.currency), ("built on", pack.built_on),
        ("disclosure", "Counts from 1 to 4, and figures they could be worked out from, are c."),
        *((f"held back from {title}", line) for title, lines in pack.held for line in lines)])
    sheet("At a glance", ["area", "title", "rating", "suggested", "open requests"],
          [(g["number"], g["title"], g["rating"], g["suggested"], g["open_requests"])
           for g in pack.glance])
    sheet("RAG by review", ["area", "review", "date", "rating", "rationale", "rated by",
                            "rated on"],
          [(s.area.number, t["review"], t["date"], t["rating"], t["rationale"], t["by"],
            t["on"]) for s in pack.areas for t in s.trajectory])
    sheet("Measures", ["area", "measure", "kpi", "breakdown", "baseline (plan)",
                       "baseline period",
                       "baseline (records)", "now", "now (as shown)", "period", "status",
                       "target", "better when"],
          [(s.area.number, m.label, m.kpi, m.breakdown, Typed(_number(m.baseline), m.unit),
            m.baseline_period, m.baseline_records, Typed(m.now_value, m.unit), m.now,
            m.now_period, m.now_status, Typed(_number(m.target), m.unit), m.direction)
           for s in pack.areas for m in s.measures])
    sheet("Quarters", ["area", "measure", "quarter", "value", "numerator", "denominator",
                       "status"],
          [(s.area.number, m.label, q.label, Typed(_number(q.value), m.unit),
            _number(q.numerator), _number(q.denominator), q.status)
           for s in pack.areas for m in s.measures for q in m.quarters])
    sheet("Benchmarks", ["area", "measure", "kpi", "year", "year type",
                         "area (as published)", "region", "region value", "England",
                         "neighbours (median)", "neighbours (lowest)", "neighbours (highest)",
                         "neighbours published", "neighbours", "source", "note"],
          [(s.area.number, m.label, m.kpi) + ((
              b.year, b.time_identifier, Typed(b.area, m.unit), b.region_name,
              Typed(b.region, m.unit), Typed(b.england, m.unit),
              Typed(b.neighbours_median, m.unit), Typed(b.neighbours_low, m.unit),
              Typed(b.neighbours_high, m.unit), b.neighbours_count, b.neighbours_of,
              b.source, b.area_reason) if (b := m.benchmark) else
              ("", "", "", "", "", "", "", "", "", "", "", "", m.benchmark_note))
           for s in pack.areas for m in s.measures if not m.outcome])
    sheet("Outcomes", ["area", "measure", "series", "characteristic", "period", "value",
                       "numerator", "denominator", "region", "England",
                       "neighbours (median)", "neighbours (lowest)", "neighbours (highest)",
                       "neighbours published", "gap to no SEN", "England gap to no SEN",
                       "direction of travel", "source"],
          [(s.area.number, m.label, o.series, o.characteristic, r.period,
            Typed(r.value, "published"), r.numerator, r.denominator,
            Typed(r.region, "published"), Typed(r.england, "published"),
            Typed(r.neighbours_median, "published"), Typed(r.neighbours_low, "published"),
            Typed(r.neighbours_high, "published"), r.neighbours_count,
            Typed(r.gap, "published"), Typed(r.england_gap, "published"), o.direction,
            o.source)
           for s in pack.areas for m in s.measures if (o := m.outcome) for r in o.rows])
    sheet("Actions", ["area", "ref", "action", "status", "suggested RAG", "progress"],
          [(s.area.number, a["reference"], d["description"], a["status_label"], a["suggested"],
            a["progress"]) for s in pack.areas for a, d in zip(s.did, s.said, strict=True)])
    sheet("Next steps", ["area", "ref", "milestone or action", "due", "overdue"],
          [(s.area.number, n["reference"], n["title"], n["due"], n["overdue"])
           for s in pack.areas for n in s.next_steps])
    sheet("Evidence", ["area", "reference", "title", "date"],
          [(s.area.number, e["reference"], e["title"], e["date"]) for s in pack.areas
           for e in s.evidence])
    sheet("Evidence requests", ["area", "request", "owner", "status", "due"],
          [(s.area.number, r["text"], r["owner"], r["status"], r["due"]) for s in pack.areas
           for r in s.requests])
    sheet("You said, we did", ["area", "action", "said on", "where", "you said", "we did"],
          [(s.area.number, c["action"], c["said_on"], c["where"], c["you_said"], c["we_did"])
           for s in pack.areas for c in s.coproduction])
    sheet("Narrative", ["area", "narrative", "status", "written by", "last edited"],
          [(s.area.number, n.text, n.label if not n.saved else "Written by the partnership",
            n.by, n.edited) for s in pack.areas if (n := s.narrative)])
    book.close()


class Typed(NamedTuple):
    """A cell's value with the kind of number it is (count, percent or weeks)."""

    value: object
    kind: str


def _number(text):
    """A shown figure as a number where it is one ("1,204" -> 1204, "32.2%" -> 32.2);
    symbols and words stay text."""
    if text is None or isinstance(text, int | float | Decimal):
        return text
    bare = str(text).replace(",", "").removesuffix("%").removesuffix(" weeks").strip()
    try:
        number = Decimal(bare)
    except ArithmeticError:
        return text
    return int(number) if number == number.to_integral_value() and "." not in bare else number


def write(pack: ReviewPack, path: Path) -> None:
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        write_pdf(pack, path)
    elif suffix in (".html", ".htm"):
        path.write_text(render_html(pack), encoding="utf-8")
    elif suffix == ".xlsx":
        write_xlsx(pack, path)
    else:
        raise ValueError(f"{path.name}: choose a .pdf, .html or .xlsx file")
