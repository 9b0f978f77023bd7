"""A compact copy of a sitrep edition for the demo: England, the regions and the ICBs
(no providers), written in the published June 2023 layout so the one loader reads it,
with the cover's published date, Table 1 and every band table; '*' and blanks kept."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from .organisations import PROVIDER
from .sitrep import SUPPRESSED, Sitrep

TITLES = {"total": "Total waiting list by service",
          "weeks_0_1": "Number waiting 0-1 weeks (0-7 days) by service",
          "weeks_1_2": "Number waiting >1-2 weeks (8-14 days) by service",
          "weeks_2_4": "Number waiting >2-4 weeks (15-28 days) by service",
          "weeks_4_12": "Number waiting >4-12 weeks (29-84 days) by service",
          "weeks_12_18": "Number waiting >12-18 weeks (85-126 days) by service",
          "weeks_18_52": "Number waiting >18-52 weeks (127-364 days) by service",
          "weeks_over_52": "Number waiting over 52 weeks (over 365 days) by service",
          "weeks_52_104": "Number waiting >52-104 weeks (365-728 days) by service",
          "weeks_over_104": "Number waiting over 104 weeks (over 728 days) by service"}
LABELS = {"england": "National", "region": "Region", "icb": "ICB"}
SHIPPED = Path(__file__).parent / "data" / "chs_sitreps"  # the demo's: Jan-Jun 2023
SOURCE = ("NHS England, Community Health Services (CHS) SitRep; England, regions and ICBs "
          "only, re-laid out by sendassure. Open Government Licence v3.0.")


def write_compact(sitrep: Sitrep, path: Path) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    cover = book.active
    cover.title = "Cover page"
    cover.append(["Title:", "Community Health Services Waiting Times"])
    cover.append(["Source:", SOURCE])
    published = sitrep.published
    cover.append(["Published:", datetime(published.year, published.month, published.day)
                  if published else "-"])
    contents = book.create_sheet("Contents")
    contents.append(["Contents"])
    months = sorted({n.month for n in sitrep.non_submitters})
    table1 = book.create_sheet("Table 1")
    table1.append(["Number of organisations that did not submit data, by month"])
    table1.append([])
    table1.append(["Organisation Type", "Organisation Name",
                   *(m.strftime("%b-%y") for m in months)])
    counts: dict[tuple, dict] = {}
    for n in sitrep.non_submitters:
        key = (n.organisation.level, n.organisation.name)
        counts.setdefault(key, {})[n.month] = n.providers
    for (level, name), by_month in counts.items():
        if level != PROVIDER:
            table1.append([LABELS[level], name, *(by_month.get(m) for m in months)])
    waits = [w for w in sitrep.waits if w.organisation.level != PROVIDER]
    services = list(dict.fromkeys(w.service for w in waits))
    organisations = list(dict.fromkeys((w.organisation.level, w.organisation.name)
                                       for w in waits))
    by_key = {(w.organisation.level, w.organisation.name, w.service): w for w in waits}
    month = sitrep.month.strftime("%B %Y")
    for index, band in enumerate(sitrep.bands):
        name = "Table 4" + ("abcdefghij"[index - 1] if index else "")
        contents.append([f"{name}: {TITLES[band]}, {month}"])
        sheet = book.create_sheet(name)
        sheet.append([f"{TITLES[band]}, {month}"])
        sheet.append(["Blanks indicate no organisation submitted for the service line."])
        sheet.append(["Organisation Type", "Organisation Name", *services])
        for level, org in organisations:
            cells = []
            for service in services:
                wait = by_key.get((level, org, service))
                value = wait.counts.get(band) if wait else None
                cells.append("*" if wait and wait.missing.get(band) == SUPPRESSED else value)
            sheet.append([LABELS[level], org, *cells])
    book.save(path)
    return path
