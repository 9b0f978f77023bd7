"""Run one rule over cells or rows."""

from __future__ import annotations

from sendassure.health.referrals.extract import ExtractRow
from sendassure.health.referrals.rules import judge

from ..extracts import row


def findings(code: str, *rows: dict) -> list[tuple[int, str, str, str]]:
    """(row, column, value shown, reason) of rule ``code`` over rows 2, 3, ..."""
    judged = judge([ExtractRow(n, row(**r)) for n, r in enumerate(rows, start=2)])
    return [(f.row, f.column, f.value, f.reason)
            for found in judged.values() for f in found if f.code == code]
