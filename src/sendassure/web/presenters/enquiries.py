"""The enquiries measures page: the figures service's ``enquiries`` family for the last
eight quarters (controlled there for aggregate roles), and for child-level roles the
same enquiries by urgency, channel and category from ``kpis.enquiries`` (never shown to
aggregate roles: those splits are not controlled)."""

from __future__ import annotations

from sendassure.enquiries.queries import enquiry_rows
from sendassure.enquiries.vocabulary import vocabulary
from sendassure.figures.service import figures_for
from sendassure.kpis import enquiries as K
from sendassure.kpis import periods as P

from .complaints import Table

QUARTERS = 8
MEASURES = ("enquiries_received", "enquiries_replied", "enquiries_on_time",
            "pc_enquiries_on_time", "urgent_enquiries", "pc_urgent_enquiries_on_time",
            "enquiries_escalated", "median_reply_working_days")
COLUMNS = ["Received", "Replied", "On time", "% on time", "Urgent", "% urgent on time",
           "Escalated", "Median working days"]


def by_quarter(figures, quarters) -> Table:
    rows = []
    for q in quarters:
        found = figures.family("enquiries", q)
        partial = found["enquiries_received"].status == "partial"
        rows.append([f"{q.label}{' (partial)' if partial else ''}",
                     *(found[m].text for m in MEASURES)])
    return Table("by-quarter", "Enquiries by quarter received", ["Quarter", *COLUMNS],
                 rows, (False, *(True,) * len(COLUMNS)),
                 ["On time: replied by the promised date (working days after the day "
                  "received, fewer for urgent categories). c: fewer than 5, or a figure "
                  "that would give one away."])


def _text(value) -> str:
    return "z" if value is None else f"{value:,}" if isinstance(value, int) else str(value)


def by_group(rows, start, end, by: str, labels: dict[str, str]) -> Table:
    found = K.summary_by(rows, start, end, K.BY[by])
    keys = ("received", "replied", "on_time", "pc_on_time", "urgent", "escalated",
            "median_working_days")
    return Table(f"by-{by}", f"Enquiries by {by}", [by.title(), "Received", "Replied",
                 "On time", "% on time", "Urgent", "Escalated", "Median working days"],
                 [[labels.get(g, g), *(_text(s[k]) for k in keys)] for g, s in found.items()],
                 (False, *(True,) * len(keys)))


def measures_page(la: str, controlled: bool) -> dict:
    figures = figures_for([la], controlled=controlled, stream="enquiries")
    currency = figures.currency
    if not currency.has_data:
        return {"has_data": False}
    quarters = P.between(P.QUARTER, currency.data_from, figures.as_of)[-QUARTERS:]
    tables = [by_quarter(figures, quarters)]
    if not controlled:
        words = vocabulary()
        rows = enquiry_rows([la])
        start, end = quarters[0].start, figures.as_of
        labels = {"urgent": "Urgent", "routine": "Routine"}
        tables += [by_group(rows, start, end, "urgency", labels),
                   by_group(rows, start, end, "channel", words.channels),
                   by_group(rows, start, end, "category", words.categories)]
    return {"has_data": True, "tables": tables, "currency": currency.describe(),
            "notes": figures.notes}
