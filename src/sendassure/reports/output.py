"""Write a review pack as HTML, PDF (WeasyPrint, tagged PDF/UA, no network) or XLSX."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from jinja2 import Environment, FileSystemLoader, select_autoescape

from .review_pack import ReviewPack

TEMPLATES = Path(__file__).parent / "templates"


def no_network():
    """A WeasyPrint URL fetcher that allows only inline ``data:`` resources: a pack never
    touches the network or the file system."""
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols=["data"], timeout=1)


def render_html(pack: ReviewPack) -> str:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]))
    return env.get_template("review-pack.html").render(pack=pack)


def _target(path: Path | BinaryIO):
    return str(path) if isinstance(path, Path) else path


def write_pdf(pack: ReviewPack, path: Path | BinaryIO) -> None:
    from weasyprint import HTML

    HTML(string=render_html(pack), url_fetcher=no_network()).write_pdf(
        _target(path), pdf_variant="pdf/ua-1", pdf_tags=True, custom_metadata=True,
    )


def write_xlsx(pack: ReviewPack, path: Path | BinaryIO) -> None:
    import xlsxwriter

    book = xlsxwriter.Workbook(_target(path), {"in_memory": True})
    bold = book.add_format({"bold": True})

    def sheet(name, headers, rows):
        ws = book.add_worksheet(name)
        for c, h in enumerate(headers):
            ws.write(0, c, h, bold)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row):
                ws.write(r, c, "" if value is None else str(value))
        ws.freeze_panes(1, 0)
        ws.set_column(0, len(headers) - 1, 24)

    sheet("At a glance", ["area", "title", "rating", "suggested", "open requests"],
          [(g["number"], g["title"], g["rating"], g["suggested"], g["open_requests"])
           for g in pack.glance])
    sheet("Measures", ["area", "measure", "kpi", "baseline", "now", "target", "better when"],
          [(s.area.number, m.label, m.kpi, m.baseline, m.now, m.target, m.direction)
           for s in pack.areas for m in s.measures])
    sheet("Actions", ["area", "ref", "action", "status", "suggested RAG", "progress"],
          [(s.area.number, a["reference"], d["description"], a["status_label"], a["suggested"],
            a["progress"]) for s in pack.areas for a, d in zip(s.did, s.said, strict=True)])
    sheet("Evidence", ["area", "reference", "title", "date"],
          [(s.area.number, e["reference"], e["title"], e["date"]) for s in pack.areas
           for e in s.evidence])
    sheet("Evidence requests", ["area", "request", "owner", "status", "due"],
          [(s.area.number, r["text"], r["owner"], r["status"], r["due"]) for s in pack.areas
           for r in s.requests])
    sheet("Positioning", ["area", "statement"],
          [(s.area.number, s.positioning) for s in pack.areas])
    book.close()


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
