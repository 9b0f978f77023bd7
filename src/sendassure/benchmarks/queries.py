"""Named queries over the published benchmarks."""

from __future__ import annotations

from .models import BenchmarkValue
from .neighbours import neighbours_of

ALL_PLANS = "All EHC plans issued"


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
            found.sort()
            middle = len(found) // 2
            median = found[middle] if len(found) % 2 else (found[middle - 1] + found[middle]) / 2
            out.append({"year": year, "group": "Statistical neighbours (median)",
                        "value": round(median, 1)})
    return sorted(out, key=lambda r: (r["year"], r["group"]))
