"""Write small synthetic referral extracts for tests (no real child: NHS numbers from the
999 test range or the published examples)."""

from __future__ import annotations

import csv
from pathlib import Path

from sendassure.health.referrals.extract import COLUMNS

# valid by Modulus 11, worked by hand: 9990000018 -> 9*10+9*9+9*8+1*2 = 245,
# 245 mod 11 = 3, check 11-3 = 8 ... each differs in its last two digits
CHILD_A, CHILD_B, CHILD_C, CHILD_D = "9990000018", "9990000026", "9990000034", "9990000042"

BASE = {"nhs_number": CHILD_A, "birth_month": "2015-03", "sex": "M", "service": "salt",
        "provider_code": "RXY", "referral_date": "2024-01-10", "priority": "routine",
        "first_contact_date": "", "clock_stop_date": "", "clock_stop_reason": "",
        "ehc_advice_requested": "", "ehc_advice_returned": ""}


def row(**changes) -> dict:
    return {**BASE, **changes}


def write_extract(path: Path, rows: list[dict], header=COLUMNS) -> Path:
    if path.suffix == ".xlsx":
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        sheet.append(list(header))
        for r in rows:
            sheet.append([r.get(c, "") for c in header])
        book.save(path)
        return path
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows([[r.get(c, "") for c in header] for r in rows])
    return path
