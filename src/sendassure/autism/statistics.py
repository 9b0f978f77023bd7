"""Read an NHS Autism Statistics CSV (plain or gzipped) as NHS England publishes it:
one row per reporting period, breakdown, organisation and metric. Only the sub-ICB
breakdown without age groups ("CCG or Sub ICB Location - GP Practice or Residence") and
the metrics in :mod:`.metrics` are kept; each sub-ICB location is mapped to its ICB
through the ONS July 2022 lookup (``data/sub_icb_2022.csv``). ``*`` (suppressed) and a
blank are kept as different kinds of missing, never 0. A row whose period is not one
calendar month (the December 2022 file has one) is left out and counted. A file that is
not NHS Autism Statistics raises :class:`NotAutismStatistics` with the reason."""

from __future__ import annotations

import csv
import gzip
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path

from sendassure.kpis.periods import month_end

from .metrics import METRICS, NOT_PUBLISHED, SUPPRESSED

COLUMNS = ("REPORTING_PERIOD_START", "REPORTING_PERIOD_END", "BREAKDOWN", "PRIMARY_LEVEL",
           "PRIMARY_LEVEL_DESCRIPTION", "SECONDARY_LEVEL", "METRIC", "METRIC_VALUE")
SUB_ICB = "CCG or Sub ICB Location - GP Practice or Residence"
LOOKUP = Path(__file__).parent / "data" / "sub_icb_2022.csv"


class NotAutismStatistics(ValueError):
    """The file is not NHS Autism Statistics; ``str(error)`` says why."""


@dataclass(frozen=True)
class Cell:
    month: date
    sub_icb: str
    sub_icb_name: str
    icb_code: str | None
    metric: str
    value: Decimal | None
    missing: str  # "" when published


@dataclass
class AutismStatistics:
    cells: list[Cell] = field(default_factory=list)
    skipped: int = 0  # rows of kept metrics whose period is not a calendar month

    @property
    def months(self) -> list[date]:
        return sorted({c.month for c in self.cells})


@cache
def icb_of_sub_icb() -> dict[str, str]:
    with LOOKUP.open(encoding="utf-8") as handle:
        return {row["sub_icb_code"]: row["icb_code"] for row in csv.DictReader(handle)}


def _text(path: Path) -> io.TextIOBase:
    raw = path.read_bytes()
    if raw[:2] == b"\x1f\x8b":
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError) as error:
            raise NotAutismStatistics(f"it is a damaged gzip file ({error})") from None
    if raw[:4] == b"PK\x03\x04" or b"\x00" in raw[:4096]:
        raise NotAutismStatistics("it is a spreadsheet, zip or other binary file, not a "
                                  "CSV file")
    try:
        return io.StringIO(raw.decode("utf-8-sig"), newline="")
    except UnicodeDecodeError:
        raise NotAutismStatistics("it is not a UTF-8 CSV file (a spreadsheet or other "
                                  "binary file?)") from None


def _date(text: str) -> date:
    for shape in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text.strip(), shape).date()
        except ValueError:
            continue
    raise NotAutismStatistics(f"reporting period date {text!r} is not DD/MM/YYYY or "
                              "YYYY-MM-DD")


def _value(text: str, line: int) -> tuple[Decimal | None, str]:
    text = text.strip()
    if text == "*":
        return None, SUPPRESSED
    if text == "":
        return None, NOT_PUBLISHED
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise NotAutismStatistics(f"line {line}: METRIC_VALUE {text!r} is not a number, "
                                  "'*' or blank") from None
    if value < 0 or not value.is_finite():
        raise NotAutismStatistics(f"line {line}: METRIC_VALUE {text!r} is not a count or "
                                  "a proportion")
    return value, ""


def read_autism_statistics(path: Path) -> AutismStatistics:
    reader = csv.DictReader(_text(path))
    try:
        header = reader.fieldnames or []
    except csv.Error as error:
        raise NotAutismStatistics(f"it is not a readable CSV file ({error})") from None
    absent = [c for c in COLUMNS if c not in header]
    if absent:
        raise NotAutismStatistics(f"it has no {', '.join(absent)} column(s): NHS Autism "
                                  "Statistics files have " + ", ".join(COLUMNS))
    found = AutismStatistics()
    lookup = icb_of_sub_icb()
    seen_asd = False
    try:
        for line, row in enumerate(reader, start=2):
            metric = (row["METRIC"] or "").strip()
            seen_asd = seen_asd or bool(re.fullmatch(r"ASD\d+[a-z]?", metric))
            if metric not in METRICS or row["BREAKDOWN"] != SUB_ICB \
                    or row["SECONDARY_LEVEL"] not in ("NONE", ""):
                continue
            start, end = _date(row["REPORTING_PERIOD_START"]), _date(row["REPORTING_PERIOD_END"])
            if start.day != 1 or end != month_end(start):
                found.skipped += 1
                continue
            code = row["PRIMARY_LEVEL"].strip()
            value, missing = _value(row["METRIC_VALUE"], line)
            found.cells.append(Cell(start, code, row["PRIMARY_LEVEL_DESCRIPTION"].strip(),
                                    lookup.get(code), metric, value, missing))
    except csv.Error as error:
        raise NotAutismStatistics(f"it is not a readable CSV file ({error})") from None
    if not seen_asd:
        raise NotAutismStatistics("it has no ASD metrics (METRIC ASD11 ... ASD24b)")
    if not found.cells:
        raise NotAutismStatistics("it has none of " + ", ".join(METRICS) + " by sub-ICB "
                                  f"location (breakdown {SUB_ICB!r})")
    keys = [(c.month, c.sub_icb, c.metric) for c in found.cells]
    if len(set(keys)) != len(keys):
        raise NotAutismStatistics("a month, sub-ICB location and metric appears twice")
    return found
