"""Reading published outcome files, whatever layout they come in.

A file's layout is recognised by its columns, never its name:

- **tables** with geography columns (``geographic_level``, ``region_name``, ``la_name``,
  ``old_la_code`` or ``new_la_code``) and a period column: DfE's SEND dashboard CSVs and
  Explore Education Statistics (EES) files alike; each ``Columns`` below says which
  columns carry which series;
- the **SEND appeal rate table** (MoJ/DfE): wide, a two-row header, region header rows,
  footnotes; ``-``, ``..`` and ``~`` markers;
- the **area SEND inspection overview** (one row per inspected LA, grade 1-3);
- the SEND dashboard's **inspection outcomes** (``ofsted.csv``: one row per LA, whether the
  2016-2022 framework's inspection required a written statement of action);
- the **tidy** layout sendassure ships its extract in.

Every reader yields tidy records (``Record``); symbols become missing values with their
reason, never 0. A file in no known layout is refused with the columns it has.
"""

from __future__ import annotations

import csv
import gzip
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, fields
from datetime import date, datetime
from pathlib import Path

from ..authorities import authorities, code_for, code_for_new, region_key
from ..ees import SYMBOLS
from .characteristics import canonical
from .series import ALL, SERIES

NATIONAL, REGIONAL, LOCAL = "National", "Regional", "Local authority"


class LayoutError(ValueError):
    """A file that is not in any known layout, or a row that cannot be read."""


@dataclass
class Record:
    series: str
    period: str
    geographic_level: str
    la_code: str
    region: str
    area_name: str
    characteristic: str
    published_characteristic: str
    value: float | None
    numerator: float | None
    denominator: float | None
    reason: str  # why there is no value ("" when there is one)
    note: str = ""
    row: int = 0  # the row in the file it came from

    def key(self) -> tuple:
        return (self.series, self.period, self.geographic_level, self.la_code,
                region_key(self.region) if self.geographic_level == REGIONAL else "",
                self.characteristic)


TIDY_COLUMNS = tuple(f.name for f in fields(Record) if f.name != "row")


@dataclass(frozen=True)
class Columns:
    """How a table carries one series: its value column, the counts beside it, the
    column holding SEN status, and filters picking the series' rows."""

    series: str
    value: str
    numerator: str | None = None
    denominator: str | None = None
    characteristic: tuple[str, ...] = ("characteristic",)
    where: tuple[tuple[str, str], ...] = ()
    requires: tuple[str, ...] = ()  # further columns that identify the table

    def matches(self, header: set[str]) -> bool:
        needed = {self.value, *self.requires, *(c for c, _ in self.where)}
        return needed <= header


_CHAR = ("characteristic", "SEN provision", "SEN Provision", "characteristic_type",
         "characteristic_sen_description", "sen_status", "sen_provision")
TABLES: tuple[Columns, ...] = (
    Columns("eyfs_gld", "gld_percentage", "gld_number", "children_number", _CHAR),
    Columns("ks1_phonics_expected", "pt_phonics_y1_met_expected_standard",
            "t_phonics_y1_met_expected_standard", "t_phonics_y1_eligible_pupils", _CHAR),
    Columns("ks2_rwm_expected", "pt_rwm_met_expected_standard", "t_rwm_met_expected_standard",
            "t_rwm_eligible_pupils", _CHAR),
    Columns("ks4_attainment8", "avg_att8", None, "t_pupils",
            ("characteristic_sen_description", *_CHAR)),
    Columns("ks4_progress8", "avg_p8score", None, "t_pupils",
            ("characteristic_sen_description", *_CHAR)),
    *(Columns(f"absence_{m.lower()}", "Percentage", None, None, _CHAR,
              (("Absence measure", m),)) for m in ("Overall", "Authorised", "Unauthorised")),
    *(Columns(f"absence_{m}", f"sess_{m}_percent", None, None, _CHAR)
      for m in ("overall", "authorised", "unauthorised")),
    Columns("persistent_absence", "enrolments_pa_10_exact_percent", "enrolments_pa_10_exact",
            "enrolments", _CHAR),
    Columns("destinations_1618_sustained", "% of pupils", None, "cohort", _CHAR,
            (("Destination", "Overall sustained"),)),
    Columns("ks4_destinations_sustained", "overall", None, "cohort", _CHAR,
            (("data_type", "Percentage"),), ("cohort_level_group",)),
    Columns("sen_prevalence", "% of pupils", None, None, _CHAR, (),
            ("new_la_code",)),
    Columns("mainstream_with_sen", "% of pupils", None, "total_pupils", _CHAR, (),
            ("total_pupils",)),
    Columns("ehcp_in_mainstream", "mainstream_total_pc", "mainstream_total", "ehcplans",
            ("breakdown",), (("breakdown_topic", "All EHC plans"),)),
    *(Columns(name, "Percentage of children", None, None, _CHAR, (("social_care_group", g),))
      for name, g in (("cin_with_sen", "CINO at 31 March"),
                      ("cla_with_sen", "CLA 12 months at 31 March"),
                      ("cpp_with_sen", "CPPO at 31 March"))),
    Columns("dsg_deficit", "DSG cumulative balance as a % of the total income",
            characteristic=()),
    Columns("specialist_spend_per_head", "Spend per head", "total_spend", "pop_est",
            ("category",)),
    Columns("tribunal_appeal_rate", "SEND Tribunal Appeal Rate", characteristic=(),
            where=(("metric", "appealrate"),)),
)
PERIOD_COLUMNS = ("academic_year", "financial_year", "year", "time_period")
GEOGRAPHY = {"geographic_level", "region_name", "la_name", "old_la_code", "new_la_code",
             "region"}


# -- values ---------------------------------------------------------------------------------
def number(text) -> tuple[float | None, str]:
    """(value, "") for a number ("1,071", "3.60%", "24"); (None, reason) for a symbol."""
    raw = "" if text is None else str(text).strip()
    cleaned = raw.replace(",", "").removesuffix("%").strip()
    try:
        value = float(cleaned)
    except ValueError:
        return None, SYMBOLS.get(raw.lower(), f"not a number ({raw[:20]})") if raw else "blank"
    if value != value:  # NaN, as R writes a missing value
        return None, "blank"
    return value, ""


def period_of(row: dict) -> str:
    for column in PERIOD_COLUMNS:
        text = (row.get(column) or "").strip()
        if not text:
            continue
        if text.endswith(".0"):
            text = text[:-2]
        if re.fullmatch(r"\d{6}", text):  # EES time_period 202223
            return f"{text[:4]}/{text[4:]}"
        if re.fullmatch(r"\d{4}/\d{2}|\d{4}-\d{2}|\d{4}", text):
            return text
    return ""


def _level(row: dict) -> str:
    level = (row.get("geographic_level") or "").strip()
    if level in (NATIONAL, REGIONAL, LOCAL):
        return level
    if not level:
        return LOCAL if (row.get("la_name") or "").strip() else ""
    return ""  # other levels (parliamentary constituency...) are not used


def _la(row: dict) -> str | None:
    old = (row.get("old_la_code") or "").strip()
    if old.endswith(".0"):
        old = old[:-2]
    if old.isdigit():
        return old
    new = (row.get("new_la_code") or "").strip()
    # ONS codes change when an LA's boundary does: the name is the fallback
    return (new and code_for_new(new)) or code_for(row.get("la_name") or "")


# -- tables ---------------------------------------------------------------------------------
def _read_csv(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    text = raw.decode("utf-8-sig", errors="replace")
    return list(csv.reader(io.StringIO(text)))


def _table(rows: list[list[str]], path: Path) -> Iterator[Record]:
    header = [h.strip() for h in rows[0]]
    columns = set(header)
    specs = [s for s in TABLES if s.matches(columns)]
    if not specs or not (GEOGRAPHY & columns) or not (set(PERIOD_COLUMNS) & columns):
        raise LayoutError(
            f"{path.name}: not a published outcomes file in any known layout (columns: "
            f"{', '.join(header[:12])}{'...' if len(header) > 12 else ''}). Known: DfE SEND "
            f"dashboard and EES files carrying {', '.join(sorted({s.series for s in TABLES}))}; "
            f"the SEND appeal rate table; the area SEND inspection overview; the SEND "
            f"dashboard's inspection outcomes (2016-2022 framework).")
    for number_, cells in enumerate(rows[1:], start=1):
        if not any(c.strip() for c in cells):
            continue
        row = dict(zip(header, cells, strict=False))
        level = _level(row)
        if not level:
            continue
        period = period_of(row)
        if not period:
            raise LayoutError(f"{path.name}: row {number_}: no period in "
                              f"{'/'.join(c for c in PERIOD_COLUMNS if c in columns)}")
        for spec in specs:
            if any((row.get(c) or "").strip() != v for c, v in spec.where):
                continue
            yield _record(spec, row, level, period, number_, path)


def _record(spec: Columns, row: dict, level: str, period: str, row_number: int,
            path: Path) -> Record:
    published = next(((row.get(c) or "").strip() for c in spec.characteristic if c in row), "")
    la = ""
    if level == LOCAL:
        la = _la(row) or ""
        if not la:
            raise LayoutError(f"{path.name}: row {row_number}: local authority "
                              f"{row.get('la_name') or row.get('new_la_code')!r} is not a "
                              f"known LA name or code")
    region = (row.get("region_name") or row.get("region") or "").strip()
    if level == NATIONAL:
        region = ""
    value, reason = number(row.get(spec.value))
    num = number(row.get(spec.numerator))[0] if spec.numerator else None
    den = number(row.get(spec.denominator))[0] if spec.denominator else None
    area = {NATIONAL: "England", REGIONAL: region}.get(level) or (row.get("la_name") or "").strip()
    return Record(spec.series, period, level, la, region, area,
                  canonical(published) if published else ALL, published, value, num, den,
                  reason, "", row_number)


# -- the SEND appeal rate table -------------------------------------------------------------
def _is_appeal_table(rows: list[list[str]]) -> bool:
    return any(r[:2] == ["Local Authority", "LA code"] for r in rows[:10])


def _appeal_table(rows: list[list[str]], path: Path) -> Iterator[Record]:
    top = next(i for i, r in enumerate(rows) if r[:2] == ["Local Authority", "LA code"])
    years = rows[top]
    sub = rows[top + 1] if top + 1 < len(rows) else []
    blocks = []  # (year, column of appeals registered)
    for col, cell in enumerate(years):
        if (re.fullmatch(r"\d{4}", cell.strip()) and col < len(sub)
                and sub[col].startswith("Appeals registered")):
            blocks.append((cell.strip(), col))
    if not blocks:
        raise LayoutError(f"{path.name}: an appeal rate table without year columns")
    region = ""
    for row_number, cells in enumerate(rows[top + 2:], start=top + 3):
        name = (cells[0] if cells else "").strip()
        if not name or not any(c.strip() for c in cells[1:]):
            if name.isupper():
                region = name.title().replace(" And ", " and ").replace(" The ", " the ")
            continue
        if re.match(r"^\d+\.|^\.\.|^~|^-|Source|Note", name):
            continue
        if name.lower().startswith("england total excluding"):
            continue
        national = name.lower().startswith("england")
        la = "" if national else ((cells[1].strip() if len(cells) > 1 else "") or code_for(name))
        if not national and not la:
            raise LayoutError(f"{path.name}: row {row_number}: local authority {name!r} "
                              f"has no code and is not a known name")
        known = authorities().get(la)
        for year, col in blocks:
            appeals = number(cells[col] if col < len(cells) else "")
            decisions = number(cells[col + 1] if col + 1 < len(cells) else "")
            rate = number(cells[col + 2] if col + 2 < len(cells) else "")
            if rate[0] is None and rate[1] == "blank" and decisions[1] == "blank":
                continue
            yield Record("tribunal_appeal_rate", year, NATIONAL if national else LOCAL,
                         la, "" if national else (known.region if known else region.title()),
                         "England" if national else re.sub(r"\d+$", "", name).strip(),
                         ALL, "", rate[0], appeals[0] if appeals[1] != "nil or negligible"
                         else 0.0, decisions[0], rate[1], "", row_number)


# -- the area SEND inspection overview ------------------------------------------------------
INSPECTION_COLUMNS = {"la_code", "outcome_grade", "publication_date", "inspection_outcome_text"}


def _day(text: str) -> date | None:
    for fmt in ("%d/%m/%y", "%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    return None


def _inspections(rows: list[list[str]], path: Path) -> Iterator[Record]:
    header = [h.strip() for h in rows[0]]
    for row_number, cells in enumerate(rows[1:], start=1):
        row = dict(zip(header, cells, strict=False))
        la = (row.get("la_code") or "").strip()
        published = _day(row.get("publication_date") or "")
        if not la or published is None:
            continue
        value, reason = number(row.get("outcome_grade"))
        known = authorities().get(la)
        yield Record("area_send_inspection", published.isoformat(), LOCAL, la,
                     known.region if known else "", known.name if known else la, ALL, "",
                     value, None, None, reason, (row.get("inspection_outcome_text") or "")[:500],
                     row_number)


# -- area SEND inspections under the 2016-2022 framework (DfE SEND dashboard ofsted.csv) --
PREVIOUS_DATE = "Publication date (previous inspection framework)"
PREVIOUS_WSOA = "Inspection outcome: written statement of action required?"


def _is_previous_inspections(header: set[str]) -> bool:
    return PREVIOUS_DATE in header and any(h.startswith(PREVIOUS_WSOA) for h in header)


def _r_date(text: str) -> date | None:
    """R's Date as the dashboard exports it: days since 1970-01-01 ("17984.0")."""
    try:
        return date.fromordinal(date(1970, 1, 1).toordinal() + int(float(text)))
    except (TypeError, ValueError, OverflowError):
        return None


def _previous_inspections(rows: list[list[str]], path: Path) -> Iterator[Record]:
    header = [h.strip() for h in rows[0]]
    wsoa = next(h for h in header if h.startswith(PREVIOUS_WSOA))
    for row_number, cells in enumerate(rows[1:], start=1):
        row = dict(zip(header, cells, strict=False))
        published = _day(row.get(PREVIOUS_DATE) or "") or _r_date(row.get(PREVIOUS_DATE))
        if published is None:
            continue  # not inspected under that framework
        name = (row.get("la_name") or "").strip()
        la = code_for_new((row.get("la_code") or "").strip()) or code_for(name)
        if not la:
            raise LayoutError(f"{path.name}: row {row_number}: local authority {name!r} "
                              f"is not a known LA name or code")
        answer = (row.get(wsoa) or "").strip().lower()
        value = {"yes": 1.0, "no": 0.0}.get(answer)
        yield Record("area_send_wsoa", published.isoformat(), LOCAL, la,
                     (row.get("region") or "").strip(), name, ALL, "", value, None, None,
                     "" if value is not None else (f"not a yes or no ({answer[:20]})"
                                                   if answer else "blank"),
                     (row.get("summary_outcome") or "").strip()[:500], row_number)


# -- the tidy layout --------------------------------------------------------------------------
def _tidy(rows: list[list[str]], path: Path) -> Iterator[Record]:
    header = rows[0]
    for row_number, cells in enumerate(rows[1:], start=1):
        row = dict(zip(header, cells, strict=True))
        if row["series"] not in SERIES:
            raise LayoutError(f"{path.name}: row {row_number}: unknown series {row['series']!r}")
        yield Record(
            row["series"], row["period"], row["geographic_level"], row["la_code"],
            row["region"], row["area_name"], row["characteristic"],
            row["published_characteristic"], number(row["value"])[0] if row["value"] else None,
            number(row["numerator"])[0] if row["numerator"] else None,
            number(row["denominator"])[0] if row["denominator"] else None, row["reason"],
            row["note"], row_number)


def read(path: Path) -> list[Record]:
    """Every record of a published outcomes file (see the module's docstring)."""
    try:
        rows = _read_csv(path)
    except (OSError, csv.Error) as error:
        raise LayoutError(f"{path.name}: cannot be read as CSV ({error})") from error
    if not rows:
        raise LayoutError(f"{path.name}: the file is empty")
    header = {h.strip().lstrip("\ufeff") for h in rows[0]}
    if tuple(rows[0]) == TIDY_COLUMNS:
        reader = _tidy
    elif _is_appeal_table(rows):
        reader = _appeal_table
    elif INSPECTION_COLUMNS <= header:
        reader = _inspections
    elif _is_previous_inspections(header):
        reader = _previous_inspections
    else:
        reader = _table
    return list(reader(rows, path))
