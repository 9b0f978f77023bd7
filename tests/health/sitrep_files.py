"""Write small CHS sitrep workbooks in the published June 2023 layout (type and name
columns, services across, one table per band) for tests that need editions the shared
data does not have: a second edition of a month, the 2025 eight-band edition."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import openpyxl

SEVEN = ("Total waiting list by service", "Number waiting 0-1 weeks (0-7 days) by service",
         "Number waiting >1-2 weeks (8-14 days) by service",
         "Number waiting >2-4 weeks (15-28 days) by service",
         "Number waiting >4-12 weeks (29-84 days) by service",
         "Number waiting >12-18 weeks (85-126 days) by service",
         "Number waiting >18-52 weeks (127-364 days) by service",
         "Number waiting over 52 weeks (over 365 days) by service")
EIGHT = (*SEVEN[:7], "Number waiting >52-104 weeks (365-728 days) by service",
         "Number waiting over 104 weeks (over 728 days) by service")
SHEETS = ("Table 4", "Table 4a", "Table 4b", "Table 4c", "Table 4d", "Table 4e", "Table 4f",
          "Table 4g", "Table 4h")
ORGANISATIONS = (("National", "England"), ("Region", "South East"),
                 ("ICB", "Kent and Medway"), ("Provider", "Kent Community Health NHS "
                                                          "Foundation Trust"))
SERVICES = ("(A) Audiology", "(CYP) Therapy interventions: Speech and language")


def write_sitrep(path: Path, month: str = "June 2023",
                 published: datetime | None = datetime(2023, 8, 10),
                 titles=SEVEN, cells=None, services=SERVICES,
                 organisations=ORGANISATIONS, non_submitters=((0, 0, 1, None),)) -> Path:
    """``cells[(table index, organisation index, service index)]`` overrides a count
    (default: 10 * table + organisation + service)."""
    cells = cells or {}
    book = openpyxl.Workbook()
    cover = book.active
    cover.title = "Cover page"
    cover.append(["Title:", "Community Health Services Waiting Times"])
    cover.append(["Published:", published])
    contents = book.create_sheet("Contents")
    contents.append(["Contents"])
    table1 = book.create_sheet("Table 1")
    table1.append(["Number of organisations that did not submit data"])
    table1.append([])
    table1.append(["Organisation Type", "Organisation Name", "Apr-23", "May-23", "Jun-23"])
    for (kind, name), counts in zip(ORGANISATIONS[:3], (*non_submitters, (), ()),
                                    strict=False):
        table1.append([kind, name, *counts])
    for t, title in enumerate(titles):
        sheet = book.create_sheet(SHEETS[t])
        contents.append([f"{SHEETS[t]}: {title}, {month}"])
        sheet.append([f"{title}, {month}"])
        sheet.append(["Blanks indicate no organisation submitted for the service line."])
        sheet.append(["Organisation Type", "Organisation Name", *services])
        for o, (kind, name) in enumerate(organisations):
            sheet.append([kind, name, *(cells.get((t, o, s), 10 * t + o + s)
                                        for s in range(len(services)))])
    book.save(path)
    return path
