"""The rules a referral extract's rows are judged by: one rule a file, each registered
with its code, the columns it judges and what it requires. A row that breaks any rule is
quarantined whole with every reason (nothing of it counts); the rest are stored.

A row rule is ``check(cells) -> Iterable[(column, reason)]`` over the row's cells as
given; a file rule (duplicates) sees every row. What a finding shows of a value is
decided once, in ``shown``: a value that fails its column's format only by its shape,
an NHS number never as given."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sendassure.core.shapes import shape

from ..extract import ExtractRow
from . import formats


@dataclass(frozen=True)
class Finding:
    """One broken rule of one row: ``value`` as it may be shown."""

    row: int
    column: str
    value: str
    code: str
    reason: str

    def __str__(self) -> str:
        value = f" {self.value}" if self.value else ""
        return f"row {self.row}, {self.column}:{value} {self.reason} [{self.code}]"


@dataclass(frozen=True)
class Rule:
    code: str
    columns: tuple[str, ...]
    requires: str
    check: Callable
    whole_file: bool = False


RULES: list[Rule] = []


def rule(code: str, columns: tuple[str, ...], requires: str, whole_file: bool = False):
    def register(check):
        RULES.append(Rule(code, columns, requires, check, whole_file))
        return check
    return register


def shown(column: str, value: str) -> str:
    """What of a cell may be shown or kept outside the hashes."""
    if not value:
        return ""
    if column == "nhs_number" or not formats.valid(column, value):
        return shape(value)
    return value


def load_rules() -> list[Rule]:
    """Every rule, by code."""
    from . import (  # noqa: F401  (registers the rules, one per module)
        r01_nhs_number,
        r02_birth_month,
        r03_sex,
        r04_service,
        r05_provider_code,
        r06_priority,
        r07_dates,
        r08_dates_in_order,
        r09_clock_stop_reason,
        r10_duplicate,
    )

    return sorted(RULES, key=lambda r: r.code)


def judge(rows: list[ExtractRow]) -> dict[int, list[Finding]]:
    """Row number -> its findings (rows with none are absent)."""
    found: dict[int, list[Finding]] = {}

    def add(row: ExtractRow, pairs: Iterable[tuple[str, str]], code: str):
        for column, reason in pairs:
            found.setdefault(row.number, []).append(
                Finding(row.number, column, shown(column, row.cells[column]), code, reason))

    for each in load_rules():
        if each.whole_file:
            for row, pairs in each.check(rows):
                add(row, pairs, each.code)
        else:
            for row in rows:
                add(row, each.check(row.cells), each.code)
    return found
