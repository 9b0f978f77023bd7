"""Named queries over the published benchmarks."""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from .models import BenchmarkValue
from .neighbours import neighbours_of

ALL_PLANS = "All EHC plans issued"
# the sources whose measures are DfE's published values of registered SEN2 measures
# (same name, same definition), with the breakdown topic of their all-plans rows
SOURCES = {"timeliness_20_week": ALL_PLANS, "caseload": "All EHC plans"}


def neighbour_stats(values: list[float]) -> tuple[float | None, float | None, float | None,
                                                  int]:
    """The neighbours' median (to two places: exact for values published to one), lowest,
    highest and how many published a value."""
    found = sorted(v for v in values if v is not None)
    if not found:
        return None, None, None, 0
    return round(statistics.median(found), 2), found[0], found[-1], len(found)


def comparison(measure: str, la: str, source: str = "timeliness_20_week",
               breakdown_topic: str = ALL_PLANS) -> list[dict]:
    """Rows of (year, group, value) for an LA, its region, England and its neighbours'
    median, for one measure of the 'all' breakdown."""
    values = BenchmarkValue.objects.filter(source=source, measure=measure.lower(),
                                           breakdown_topic=breakdown_topic)
    mine = values.filter(geographic_level="Local authority", old_la_code=la)
    region = mine.exclude(region_code="").values_list("region_code", flat=True).first()
    out = []
    for row in mine.values("time_period", "value", "area_name"):
        out.append({"year": row["time_period"], "group": row["area_name"] or la,
                    "value": row["value"]})
    for row in values.filter(geographic_level="National").values("time_period", "value"):
        out.append({"year": row["time_period"], "group": "England", "value": row["value"]})
    if region:
        for row in values.filter(geographic_level="Regional", area_code=region).values(
            "time_period", "value", "area_name"
        ):
            out.append({"year": row["time_period"], "group": row["area_name"] or "Region",
                        "value": row["value"]})
    neighbours = neighbours_of(la)
    if neighbours:
        by_year: dict[str, list[float]] = {}
        for row in values.filter(geographic_level="Local authority",
                                 old_la_code__in=neighbours).values("time_period", "value"):
            if row["value"] is not None:
                by_year.setdefault(row["time_period"], []).append(row["value"])
        for year, found in by_year.items():
            out.append({"year": year, "group": "Statistical neighbours (median)",
                        "value": round(neighbour_stats(found)[0], 1)})
    return sorted(out, key=lambda r: (r["year"], r["group"]))


def england_values(measure: str, source: str = "timeliness_20_week",
                   breakdown_topic: str = ALL_PLANS) -> list[tuple[str, float]]:
    """England's published (year, value) pairs for one measure of the 'all' breakdown,
    oldest first: the one query a headline tile needs (``comparison`` also reads the LA,
    its region and its neighbours)."""
    rows = BenchmarkValue.objects.filter(
        source=source, measure=measure.lower(), breakdown_topic=breakdown_topic,
        geographic_level="National", value__isnull=False).values_list("time_period", "value")
    return sorted(rows)


@dataclass(frozen=True)
class Benchmarked:
    """One published year of a measure: the LA's own published value beside its region,
    England and its statistical neighbours (median and range), as DfE published them."""

    time_period: str  # as published: "2023" (calendar year) or "202324" (academic year)
    time_identifier: str  # "Calendar year" or "Academic year"
    area: float | None
    area_reason: str  # why the LA has no value (a symbol's meaning), or ""
    region_name: str
    region: float | None
    england: float | None
    neighbours_median: float | None
    neighbours_low: float | None
    neighbours_high: float | None
    neighbours_count: int
    neighbours_of: int  # how many neighbours the LA has
    source: str

    @property
    def year(self) -> str:
        """"2023", or "2023/24" for an academic year."""
        p = self.time_period
        return f"{p[:4]}/{p[4:]}" if len(p) == 6 else p


def source_of(measure: str) -> str | None:
    """The benchmark source holding DfE's published values of ``measure``, if any."""
    for source, topic in SOURCES.items():
        if BenchmarkValue.objects.filter(source=source, measure=measure.lower(),
                                         breakdown_topic=topic).exists():
            return source
    return None


def benchmarks(measure: str, la: str) -> list[Benchmarked]:
    """Every published year of ``measure`` (a registered SEN2 measure DfE publishes) for
    ``la``, oldest first; [] when DfE publishes no such measure."""
    from .ees import SYMBOLS

    source = source_of(measure)
    if source is None:
        return []
    values = BenchmarkValue.objects.filter(source=source, measure=measure.lower(),
                                           breakdown_topic=SOURCES[source])
    fields = ("time_period", "time_identifier", "value", "reason", "area_name",
              "region_code", "old_la_code", "geographic_level", "area_code")
    mine = {r["time_period"]: r for r in values.filter(
        geographic_level="Local authority", old_la_code=la).values(*fields)}
    region_code = next((r["region_code"] for r in mine.values() if r["region_code"]), "")
    england = {r["time_period"]: r for r in values.filter(
        geographic_level="National").values(*fields)}
    region = {r["time_period"]: r for r in values.filter(
        geographic_level="Regional", area_code=region_code).values(*fields)} if region_code else {}
    neighbours = neighbours_of(la)
    peers: dict[str, list[float]] = {}
    for r in values.filter(geographic_level="Local authority",
                           old_la_code__in=neighbours).values("time_period", "value"):
        peers.setdefault(r["time_period"], []).append(r["value"])
    out = []
    for period in sorted(set(england) | set(mine)):
        own, nat, reg = mine.get(period, {}), england.get(period, {}), region.get(period, {})
        median, low, high, count = neighbour_stats(peers.get(period, []))
        reason = own.get("reason") or ("" if own else "not in the file")
        out.append(Benchmarked(
            time_period=period,
            time_identifier=(nat or own).get("time_identifier", ""),
            area=own.get("value"),
            area_reason="" if own.get("value") is not None else SYMBOLS.get(reason, reason),
            region_name=reg.get("area_name", ""), region=reg.get("value"),
            england=nat.get("value"), neighbours_median=median, neighbours_low=low,
            neighbours_high=high, neighbours_count=count, neighbours_of=len(neighbours),
            source=source))
    return out
