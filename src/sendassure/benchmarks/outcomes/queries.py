"""Named queries over the published outcomes: the contract's series for an LA (each value
beside its region and England), and the comparison a board reads (neighbours' median and
range, the gap to pupils with no SEN, the direction of travel)."""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from ..authorities import authority, region_key
from ..models import PublishedOutcome
from ..neighbours import neighbours_of
from .layouts import LOCAL, NATIONAL, REGIONAL
from .series import NO_SEN, SERIES, period_key

_ORDER = {"EHC plan": 0, "SEN support": 1, "No SEN": 2, "All SEN": 3}
_FIELDS = ("la_code", "region", "period", "characteristic", "value", "numerator",
           "denominator", "reason", "note", "geographic_level")


def plain(value):
    """A published number as printed: 24.0 -> 24, 8.89 -> 8.89; None stays None."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def _sort(row: dict) -> tuple:
    return (period_key(row["period"]), _ORDER.get(row["characteristic"], 9),
            row["characteristic"])


def series_with_data(la: str) -> list[str]:
    held = set(PublishedOutcome.objects.filter(la_code=la).values_list("series", flat=True)
               .distinct())
    return [name for name in SERIES if name in held]


def _rows(name: str, levels: Iterable[str], **filters) -> list[dict]:
    return list(PublishedOutcome.objects.filter(series=name, geographic_level__in=list(levels),
                                                **filters).values(*_FIELDS))


def _benchmarks(name: str, mine: list[dict], la: str) -> tuple[dict, dict]:
    """(region values, England values) keyed (period, characteristic)."""
    known = authority(la)
    own = {region_key(r["region"]) for r in mine}
    wanted = own | ({region_key(known.region)} if known else set())
    region, england = {}, {}
    for row in _rows(name, (REGIONAL, NATIONAL)):
        key = (row["period"], row["characteristic"])
        if row["geographic_level"] == NATIONAL:
            england[key] = row["value"]
        elif (found := region_key(row["region"])) in wanted:
            # the LA's own published region first (London's inner/outer split), else its region
            if found in own or key not in region:
                region[key] = row["value"]
    return region, england


def outcomes(la: str, names: Iterable[str] | None = None) -> dict:
    """The contract: ``{"la", "series": {NAME: [{"period", "characteristic", "value",
    "numerator", "denominator", "region", "england"}]}}``, oldest period first."""
    chosen = list(names) if names else series_with_data(la)
    out: dict[str, list[dict]] = {}
    for name in chosen:
        mine = sorted(_rows(name, (LOCAL,), la_code=la), key=_sort)
        region, england = _benchmarks(name, mine, la)
        out[name] = [{
            "period": r["period"], "characteristic": r["characteristic"],
            "value": plain(r["value"]), "numerator": plain(r["numerator"]),
            "denominator": plain(r["denominator"]),
            "region": plain(region.get((r["period"], r["characteristic"]))),
            "england": plain(england.get((r["period"], r["characteristic"]))),
        } for r in mine]
    return {"la": la, "series": out}


@dataclass(frozen=True)
class Compared:
    """One period and characteristic of a series: the area beside its benchmarks."""

    period: str
    characteristic: str
    value: float | None
    numerator: float | None
    denominator: float | None
    reason: str
    note: str
    region: float | None
    england: float | None
    neighbours_median: float | None
    neighbours_low: float | None
    neighbours_high: float | None
    neighbours_count: int
    gap: float | None  # value minus the area's No SEN value for the same period
    england_gap: float | None


def comparison(name: str, la: str) -> list[Compared]:
    """Every published period and characteristic of ``name`` for ``la``, oldest first."""
    mine = sorted(_rows(name, (LOCAL,), la_code=la), key=_sort)
    region, england = _benchmarks(name, mine, la)
    peers: dict[tuple, list[float]] = defaultdict(list)
    neighbours = neighbours_of(la)
    if neighbours:
        for row in _rows(name, (LOCAL,), la_code__in=list(neighbours)):
            if row["value"] is not None:
                peers[(row["period"], row["characteristic"])].append(row["value"])
    no_sen = {r["period"]: r["value"] for r in mine if r["characteristic"] == NO_SEN}
    england_no_sen = {p: v for (p, c), v in england.items() if c == NO_SEN}
    out = []
    for r in mine:
        key = (r["period"], r["characteristic"])
        found = peers.get(key, [])
        gap = england_gap = None
        if r["characteristic"] != NO_SEN:
            if r["value"] is not None and no_sen.get(r["period"]) is not None:
                gap = round(r["value"] - no_sen[r["period"]], 2)
            if england.get(key) is not None and england_no_sen.get(r["period"]) is not None:
                england_gap = round(england[key] - england_no_sen[r["period"]], 2)
        out.append(Compared(
            r["period"], r["characteristic"], r["value"], r["numerator"], r["denominator"],
            r["reason"], r["note"], region.get(key), england.get(key),
            round(statistics.median(found), 2) if found else None,
            min(found) if found else None, max(found) if found else None, len(found),
            gap, england_gap))
    return out


def direction(name: str, rows: list[Compared], characteristic: str) -> str:
    """"improving", "getting worse", "no change" or "" (fewer than two values), from the
    two latest published periods of one characteristic and the series' polarity."""
    values = [r.value for r in rows if r.characteristic == characteristic
              and r.value is not None]
    if len(values) < 2:
        return ""
    change = values[-1] - values[-2]
    polarity = SERIES[name].polarity
    if change == 0 or polarity == "neither":
        return "no change" if change == 0 else ("up" if change > 0 else "down")
    better = (change > 0) == (polarity == "up")
    return "improving" if better else "getting worse"
