"""ASD16c, ASD19 and their parts for an ICB or England, month by month, from the
published sub-ICB figures: counts summed over the ICB's sub-ICB locations (England: all
of them, "UNKNOWN" included), proportions worked out from the summed counts by the
project's percentage rule. The sub-ICB counts are published rounded to the nearest 5,
so a sum is of rounded counts. A suppressed part is never read as 0: the sum is of the
published parts and says how many it leaves out (``left_out``), so a page can say so;
with no part published the figure is missing. (Strictly missing sums would leave
England missing every month: some sub-ICB location always has a suppressed cell.)"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache

from sendassure.health.organisations import ENGLAND, ENGLAND_CODE, LOOKUP
from sendassure.kpis.percent import percent

from .metrics import COUNTS, NOT_PUBLISHED, PROPORTIONS, SUPPRESSED
from .models import AutismCell


@dataclass(frozen=True)
class Figure:
    value: int | Decimal | None
    missing: str = ""  # suppressed or not_published when value is None
    left_out: int = 0  # parts suppressed or not published, left out of the sum


@cache
def icb_names() -> dict[str, str]:
    with LOOKUP.open(encoding="utf-8") as handle:
        return {row["icb_code"]: row["icb_name"] for row in csv.DictReader(handle)}


def org_name(org: str) -> str | None:
    return "England" if org in (ENGLAND, ENGLAND_CODE) else icb_names().get(org)


def _sum(parts: list[tuple[Decimal | None, str]]) -> Figure:
    if not parts:
        return Figure(None, NOT_PUBLISHED)
    kinds = {missing for value, missing in parts if value is None}
    published = [value for value, _ in parts if value is not None]
    if not published:
        return Figure(None, SUPPRESSED if SUPPRESSED in kinds else NOT_PUBLISHED)
    return Figure(int(sum(published)), left_out=len(parts) - len(published))


def combine(cells: list[tuple[str, Decimal | None, str]]) -> dict[str, Figure]:
    """(metric, value, missing) of one month's sub-ICB cells -> each count summed and
    each proportion from those sums."""
    found = {metric: _sum([(v, m) for name, v, m in cells if name == metric])
             for metric in COUNTS}
    for metric, (top, bottom) in PROPORTIONS.items():
        numerator, denominator = found[top], found[bottom]
        if numerator.value is None or denominator.value is None:
            found[metric] = Figure(None, numerator.missing or denominator.missing)
        elif denominator.value == 0:
            found[metric] = Figure(None, NOT_PUBLISHED)
        else:
            found[metric] = Figure(percent(numerator.value, denominator.value),
                                   left_out=numerator.left_out + denominator.left_out)
    return found


def by_month(org: str) -> dict[date, dict[str, Figure]]:
    """An ICB's (ODS code) or England's figures for every month held, oldest first."""
    cells = AutismCell.objects.filter(metric__in=COUNTS)
    if org not in (ENGLAND, ENGLAND_CODE):
        cells = cells.filter(icb_code=org)
    months: dict[date, list] = {}
    for month, metric, value, missing in cells.order_by("month").values_list(
            "month", "metric", "value", "missing"):
        months.setdefault(month, []).append((metric, value, missing))
    return {month: combine(found) for month, found in months.items()}


def held_icbs() -> list[str]:
    return sorted(set(AutismCell.objects.exclude(icb_code=None)
                      .values_list("icb_code", flat=True)))
