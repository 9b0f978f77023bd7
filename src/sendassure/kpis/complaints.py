"""Complaints: the summary ``sendassure complaints summary`` prints, over the complaints
received from ``start`` to ``end`` inclusive (each stage of a complaint is a row):

- ``received``: rows received in the period (withdrawn ones too);
- ``responded``: of those, the ones with a response date that were not withdrawn
  (withdrawn complaints count as received only);
- ``on_time``: responded on or before the deadline: the stage's number of working days
  (England and Wales) after the day received (``working_days``);
- ``pc_on_time``: on time as a percentage of responded (``percent.percent``);
- ``upheld``: upheld or partly upheld, of responded; ``pc_upheld``: of responded;
- ``top_themes``: ``[theme, count]`` for the five most frequent themes, most first, ties
  by name, counting each theme of each complaint received in the period once.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from .percent import percent
from .working_days import add_working_days

UPHELD = ("upheld", "partly_upheld")
WITHDRAWN = "withdrawn"
TOP = 5


@dataclass(frozen=True)
class ComplaintRow:
    reference: str
    stage: str
    received_on: date
    themes: tuple[str, ...]
    responded_on: date | None
    outcome: str


def deadline(row: ComplaintRow, deadlines: Mapping[str, int]) -> date | None:
    days = deadlines.get(row.stage)
    return None if days is None else add_working_days(row.received_on, days)


def on_time(row: ComplaintRow, deadlines: Mapping[str, int]) -> bool:
    due = deadline(row, deadlines)
    return row.responded_on is not None and due is not None and row.responded_on <= due


def top_themes(rows: Iterable[ComplaintRow], top: int = TOP) -> list[list]:
    counts = Counter(t for r in rows for t in dict.fromkeys(r.themes))
    return [[theme, n] for theme, n in sorted(counts.items(), key=lambda x: (-x[1], x[0]))
            [:top]]


def summary(rows: Iterable[ComplaintRow], start: date, end: date,
            deadlines: Mapping[str, int], top: int = TOP) -> dict:
    received = [r for r in rows if start <= r.received_on <= end]
    responded = [r for r in received if r.responded_on is not None and r.outcome != WITHDRAWN]
    timely = sum(1 for r in responded if on_time(r, deadlines))
    upheld = sum(1 for r in responded if r.outcome in UPHELD)
    return {
        "received": len(received), "responded": len(responded), "on_time": timely,
        "pc_on_time": percent(timely, len(responded)), "upheld": upheld,
        "pc_upheld": percent(upheld, len(responded)), "top_themes": top_themes(received, top),
    }


def by_stage(rows: Iterable[ComplaintRow], start: date, end: date,
             deadlines: Mapping[str, int], stages: Iterable[str]) -> dict[str, dict]:
    """``summary`` of each stage's complaints received in the period (themes left out)."""
    rows = list(rows)
    return {stage: {k: v for k, v in summary([r for r in rows if r.stage == stage], start,
                                             end, deadlines).items() if k != "top_themes"}
            for stage in stages}


def themes_by_year(rows: Iterable[ComplaintRow], years: Iterable[int],
                   top: int = TOP) -> dict[int, list[list]]:
    """The top themes of the complaints received in each calendar year (``top_themes``)."""
    rows = list(rows)
    return {year: top_themes([r for r in rows if r.received_on.year == year], top)
            for year in years}


def outcomes(rows: Iterable[ComplaintRow], stage: str, start: date, end: date) -> dict:
    """A stage's complaints received in the period by decision: ``open`` (no response,
    not withdrawn), ``withdrawn``, each outcome of a response, and ``no_outcome`` (a
    response without an outcome recorded). Open and withdrawn add up to the stage's
    received less responded; the rest to its responded."""
    found: Counter = Counter()
    for r in rows:
        if r.stage != stage or not start <= r.received_on <= end:
            continue
        if r.outcome == WITHDRAWN:
            found[WITHDRAWN] += 1
        elif r.responded_on is None:
            found["open"] += 1
        else:
            found[r.outcome or "no_outcome"] += 1
    return {key: found.get(key, 0) for key in ("open", WITHDRAWN, "upheld", "partly_upheld",
                                                "not_upheld", "no_outcome")}


def remedies(pairs: Iterable[tuple[ComplaintRow, Iterable[str]]], start: date,
             end: date) -> Counter:
    """How many complaints received in the period had each remedy (a complaint with two
    remedies counts once under each)."""
    return Counter(code for row, codes in pairs if start <= row.received_on <= end
                   for code in dict.fromkeys(codes))
