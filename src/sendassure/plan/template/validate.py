"""Check raw template records and turn them into typed records. Every error is collected
(the whole file is checked); the caller stores nothing unless the list is empty.

Rules (each error names the sheet and row, or YAML path and line, the column, the value
and the rule):
- types: whole numbers, dates (real dates or ``YYYY-MM-DD``), numbers with at most one
  decimal place, codes from the vocabulary (status, plan type, direction, RAG, request
  status; the label is accepted too), maximum lengths, required values and columns;
- Plan: exactly one record; ``la`` three digits; end date not before start date;
  review cycle 1 to 24 months;
- uniqueness: review dates, area numbers, action references (in the whole plan),
  measure keys, a KPI and breakdown once per area or action, measure milestone dates
  per measure, evidence request text per area;
- references: an action's area is on the Areas sheet and its reference starts with the
  area number (``6.3`` in area 6); milestones, measures and ratings name an existing
  action or area (measures and ratings exactly one of the two); measure milestones and
  evidence requests name existing measure keys; ratings and ``due_review`` use a date
  of the Reviews sheet;
- measures: the KPI is registered (``sendassure.plan.actuals.catalogue()``) and in
  the section given; a breakdown is ``dimension=value`` with a dimension the measure can
  be broken down by; the period kind fits the measure (none for a measure taken at a
  date) and the baseline period is a period key;
- ratings: a rating that differs from the suggested one needs a rationale
  (``sendassure.plan.rag.check_rating``).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from sendassure.plan import actuals
from sendassure.plan.rag import Suggestion, check_rating

from .columns import (
    ACTIONS,
    AREAS,
    EVIDENCE_REQUESTS,
    MEASURE_MILESTONES,
    MEASURES,
    MILESTONES,
    PLAN,
    RATINGS,
    REVIEWS,
    SHEETS,
    Column,
)  # fmt: skip
from .errors import TemplateError
from .readers import Location, RawTemplate

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
REFERENCE = re.compile(r"^(\d+)\.\d+[a-z]?$")
MAX_DECIMAL = Decimal("99999999999.9")  # max_digits 12, 1 decimal place


class Bad(Exception):
    def __init__(self, rule: str):
        self.rule = rule


def _text(value: Any) -> str | None:
    if isinstance(value, bool):
        raise Bad("not text")
    if isinstance(value, float):
        value = str(int(value)) if value.is_integer() else repr(value)
    elif isinstance(value, datetime | date):
        raise Bad("a date where text is expected")
    text = str(value).replace("\r\n", "\n").strip()
    return text or None


def _int(value: Any) -> int:
    if isinstance(value, bool):
        raise Bad("not a whole number")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and re.fullmatch(r"\s*-?\d+\s*", value):
        return int(value)
    raise Bad("not a whole number")


def _date(value: Any) -> date:
    if isinstance(value, datetime):
        if value.time() != datetime.min.time():
            raise Bad("a date and time; give a date only")
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str) and ISO_DATE.match(value.strip()):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise Bad("not a date (give a date, or text like 2024-05-15)")


def _decimal(value: Any) -> Decimal:
    if isinstance(value, bool):
        raise Bad("not a number")
    try:
        number = Decimal(repr(value) if isinstance(value, float) else str(value).strip())
    except InvalidOperation:
        raise Bad("not a number") from None
    if not number.is_finite():
        raise Bad("not a number")
    if number != number.quantize(Decimal("0.1")):
        raise Bad("more than one decimal place")
    if abs(number) > MAX_DECIMAL:
        raise Bad("too large")
    return number.quantize(Decimal("0.1"))


def _choice(value: Any, column: Column) -> str:
    text = str(value).strip().lower()
    for code, label in column.choices:
        if text in (code.lower(), label.lower()):
            return code
    raise Bad(f"unknown {column.name}; one of " + ", ".join(c for c, _ in column.choices))


def _list(value: Any) -> list[str]:
    items = value if isinstance(value, list) else str(value).split(",")
    return [t for t in (_text(i) for i in items) if t]


def convert(value: Any, column: Column) -> Any:
    if value is None or (isinstance(value, str) and not value.strip()) or value == []:
        return None
    if column.kind == "text":
        text = _text(value)
        if text and column.max_length and len(text) > column.max_length:
            raise Bad(f"longer than {column.max_length} characters")
        return text
    return {
        "int": _int, "date": _date, "decimal": _decimal, "list": _list,
        "choice": lambda v: _choice(v, column),
    }[column.kind](value)


class Checker:
    def __init__(self, raw: RawTemplate):
        self.raw = raw
        self.errors: list[TemplateError] = list(raw.errors)
        self.records: dict[str, list[tuple[Location, dict[str, Any]]]] = {}

    def fail(self, location: Location, column: str | None, value: Any, rule: str) -> None:
        self.errors.append(TemplateError(location.at(column), value, rule))

    def typed(self) -> None:
        for sheet in SHEETS:
            rows = []
            missing = self.raw.missing_columns.get(sheet.name, set())
            for record in self.raw.records.get(sheet.name, []):
                values: dict[str, Any] = {}
                ok = True
                for column in sheet.columns:
                    given = record.values.get(column.name)
                    try:
                        values[column.name] = convert(given, column)
                    except Bad as bad:
                        self.fail(record.location, column.name, given, bad.rule)
                        values[column.name] = None
                        ok = False
                        continue
                    if column.required and values[column.name] is None and (
                            column.name not in missing):
                        self.fail(record.location, column.name, given, "a value is required")
                        ok = False
                values["__ok__"] = ok
                rows.append((record.location, values))
            self.records[sheet.name] = rows

    def unique(self, sheet, key, rule: str) -> None:
        seen: dict[Any, Location] = {}
        for location, values in self.records[sheet.name]:
            k = key(values)
            column = key.column  # type: ignore[attr-defined]
            if values[column] is None:
                continue
            if k in seen:
                first = seen[k].at()
                self.fail(location, column, values[column], f"{rule} (first at {first})")
            else:
                seen[k] = location

    def check(self) -> None:
        self.typed()
        r = self.records
        plans = r[PLAN.name]
        if len(plans) > 1:
            for location, _ in plans[1:]:
                self.errors.append(TemplateError(location.at(), None, "only one plan per file",
                                                 show_value=False))
        if not plans and not any(e.where.startswith(("sheet Plan", "plan")) for e in self.errors):
            self.errors.append(TemplateError(PLAN.name if not self.raw.records else "sheet Plan",
                                             None, "no plan row", show_value=False))
        for location, p in plans[:1]:
            if p["la"] and not re.fullmatch(r"\d{3}", p["la"]):
                self.fail(location, "la", p["la"], "not a 3-digit LA code")
            if p["start_date"] and p["end_date"] and p["end_date"] < p["start_date"]:
                self.fail(location, "end_date", p["end_date"], "before start_date")
            cycle = p["review_cycle_months"]
            if cycle is not None and not 1 <= cycle <= 24:
                self.fail(location, "review_cycle_months", cycle, "must be 1 to 24")

        self.unique(REVIEWS, _key("date"), "duplicate review date")
        reviews = {v["date"] for _, v in r[REVIEWS.name] if v["date"]}
        self.unique(AREAS, _key("number"), "duplicate area number")
        for location, a in r[AREAS.name]:
            if a["number"] is not None and a["number"] < 1:
                self.fail(location, "number", a["number"], "must be 1 or more")
        areas = {v["number"] for _, v in r[AREAS.name] if v["number"] is not None}

        for location, a in r[ACTIONS.name]:
            self._area(location, a["area"], areas)
            ref = a["reference"]
            if ref:
                match = REFERENCE.match(ref)
                if not match:
                    self.fail(location, "reference", ref, "not a reference like 6.3 "
                              "(area number, a dot, action number)")
                elif a["area"] is not None and int(match.group(1)) != a["area"]:
                    self.fail(location, "reference", ref, "does not match its area number "
                              f"{a['area']} (it should start {a['area']}.)")
            if a["start_date"] and a["due_date"] and a["due_date"] < a["start_date"]:
                self.fail(location, "due_date", a["due_date"], "before start_date")
        self.unique(ACTIONS, _key("reference"), "duplicate action reference")
        actions = {v["reference"] for _, v in r[ACTIONS.name] if v["reference"]}

        for location, m in r[MILESTONES.name]:
            self._action(location, m["action"], actions)

        for location, m in r[MEASURES.name]:
            self._owner(location, m, areas, actions)
            self._kpi(location, m)
        self.unique(MEASURES, _key("measure"), "duplicate measure key")
        self.unique(MEASURES, _key("kpi", "area", "action", "breakdown", column="kpi"),
                    "the same KPI and breakdown is already linked to this area or action")
        keys = {v["measure"] for _, v in r[MEASURES.name] if v["measure"]}

        for location, m in r[MEASURE_MILESTONES.name]:
            if m["measure"] and m["measure"] not in keys:
                self.fail(location, "measure", m["measure"], "unknown measure key (not on the "
                          "Measures sheet)")
        self.unique(MEASURE_MILESTONES, _key("measure", "due_date", column="due_date"),
                    "duplicate milestone date for this measure")

        for location, g in r[RATINGS.name]:
            self._owner(location, g, areas, actions)
            if g["review_date"] and g["review_date"] not in reviews:
                self.fail(location, "review_date", g["review_date"], "not a date on the "
                          "Reviews sheet")
            if g["rating"] and g["suggested"]:
                for problem in check_rating(g["rating"], Suggestion(g["suggested"], []),
                                            g["rationale"] or ""):
                    self.fail(location, "rationale", g["rationale"], problem)

        for location, q in r[EVIDENCE_REQUESTS.name]:
            self._area(location, q["area"], areas)
            if q["due_review"] and q["due_review"] not in reviews:
                self.fail(location, "due_review", q["due_review"], "not a date on the "
                          "Reviews sheet")
            for key in q["measures"] or []:
                if key not in keys:
                    self.fail(location, "measures", key, "unknown measure key (not on the "
                              "Measures sheet)")
        self.unique(EVIDENCE_REQUESTS, _key("area", "text", column="text"),
                    "duplicate evidence request in this area")

    def _area(self, location, number, areas) -> None:
        if number is not None and number not in areas:
            self.fail(location, "area", number, "unknown area (not on the Areas sheet)")

    def _action(self, location, reference, actions, column="action") -> None:
        if reference and reference not in actions:
            self.fail(location, column, reference, "unknown action (not on the Actions sheet)")

    def _owner(self, location, values, areas, actions) -> None:
        if values["area"] is not None and values["action"]:
            self.fail(location, "action", values["action"], "give an area or an action, "
                      "not both")
        elif values["area"] is None and not values["action"]:
            self.errors.append(TemplateError(location.at("area"), None, "give an area or an "
                                             "action", show_value=False))
        self._area(location, values["area"], areas)
        self._action(location, values["action"], actions)

    def _kpi(self, location, m) -> None:
        kpi, section = m["kpi"], m["section"]
        if not kpi:
            return
        catalogue = actuals.catalogue()
        home = actuals.section_of(kpi)
        if home is None:
            self.fail(location, "kpi", kpi, "unknown KPI (not a registered measure)")
            return
        if section and section not in catalogue:
            self.fail(location, "section", section, "unknown section; one of "
                      + ", ".join(catalogue))
            return
        if section and section != home:
            self.fail(location, "section", section, f"KPI {kpi} is in section {home}")
            return
        m["section"] = home
        breakdown = m["breakdown"]
        if breakdown and actuals.parse_breakdown(breakdown, home) is None:
            self.fail(location, "breakdown", breakdown, "not dimension=value with a "
                      f"dimension {home} can be broken down by")
        self._periods(location, m, home)

    def _periods(self, location, m, home) -> None:
        from sendassure.figures.registry import FAMILIES, FLOW
        from sendassure.kpis.periods import KINDS, POINT_IN_TIME, PeriodError, parse

        flow = FAMILIES[home].kind == FLOW
        kind = m.get("period")
        if kind and (kind not in KINDS or kind == POINT_IN_TIME or not flow):
            allowed = ", ".join(k for k in KINDS if k != POINT_IN_TIME)
            self.fail(location, "period", kind, f"one of {allowed}" if flow else
                      f"{m['kpi']} is taken at a date: leave the period empty")
        baseline = m.get("baseline_period")
        if baseline:
            try:
                period = parse(baseline)
            except PeriodError as error:
                self.fail(location, "baseline_period", baseline, str(error))
                return
            if flow and period.is_point:
                self.fail(location, "baseline_period", baseline, f"{m['kpi']} counts events "
                          "over a period: give a year, quarter, month or rolling period")


def _key(*names: str, column: str | None = None):
    def key(values):
        return tuple(values[n] for n in names) if len(names) > 1 else values[names[0]]

    key.column = column or names[0]  # type: ignore[attr-defined]
    return key


def validate(raw: RawTemplate) -> tuple[dict[str, list[dict[str, Any]]], list[TemplateError]]:
    """Typed records by sheet name (without locations), and every error found."""
    checker = Checker(raw)
    checker.check()
    records = {
        name: [{k: v for k, v in values.items() if k != "__ok__"} for _, values in rows]
        for name, rows in checker.records.items()
    }
    return records, checker.errors
