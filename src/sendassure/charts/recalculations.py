"""SPC recalculation points: where an area's process changed, so a chart's process limits
start afresh instead of spanning the step change (NHS "Making Data Count": recalculate
limits only at a known change to the process, never to tidy a chart).

Analysts set them in one YAML file (``SPC_RECALCULATIONS`` in the Django settings, else
the ``SENDASSURE_SPC_RECALCULATIONS`` environment variable, else
``var/spc-recalculations.yaml``; ``docs/spc-recalculations.example.yaml`` is one to copy);
a list of entries::

    - area: "886"                      # the LA code, or "*" for every area
      measure: pc_plans_issued_within_20_weeks
      from: 2023-01-01                 # the first period of the new process
      reason: New EHC hub triage process began

Every chart of that measure for that area (dashboard, packs) recalculates its limits
from the first period starting on or after ``from``. A footprint of several areas
together uses only the "*" entries (their processes need not have changed together).
A malformed file changes no chart; the problem is said in each chart's notes.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

ANY_AREA = "*"
_CACHE: dict[tuple, tuple[list[Recalculation], str]] = {}
_LOCK = threading.Lock()


@dataclass(frozen=True)
class Recalculation:
    area: str
    measure: str
    start: date  # the first day of the new process
    reason: str


def path() -> Path:
    from django.conf import settings

    configured = getattr(settings, "SPC_RECALCULATIONS", None) or os.environ.get(
        "SENDASSURE_SPC_RECALCULATIONS")
    if configured:
        return Path(configured)
    from sendassure.settings.paths import VAR_DIR

    return VAR_DIR / "spc-recalculations.yaml"


def version() -> str:
    """Changes whenever the file does (for caches of rendered charts)."""
    found = path()
    try:
        stat = found.stat()
    except OSError:
        return f"{found}:none"
    return f"{found}:{stat.st_mtime_ns}:{stat.st_size}"


def parse(text: str, source: str = "the file") -> list[Recalculation]:
    """The entries of a recalculation file; ValueError naming the entry at fault."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise ValueError(f"{source} is not valid YAML ({error.__class__.__name__})") from None
    if data is None:
        return []
    if not isinstance(data, list):
        raise ValueError(f"{source} must be a list of entries (area, measure, from, reason)")
    out = []
    for n, entry in enumerate(data, start=1):
        if not isinstance(entry, dict):
            raise ValueError(f"{source}, entry {n}: must have area, measure, from and reason")
        missing = [k for k in ("area", "measure", "from") if entry.get(k) in (None, "")]
        if missing:
            raise ValueError(f"{source}, entry {n}: {', '.join(missing)} missing")
        start = entry["from"]
        if not isinstance(start, date):
            try:
                start = date.fromisoformat(str(start))
            except ValueError:
                raise ValueError(f"{source}, entry {n}: from must be a date (YYYY-MM-DD), "
                                 f"not {entry['from']!r}") from None
        out.append(Recalculation(str(entry["area"]).strip(), str(entry["measure"]).strip(),
                                 start, str(entry.get("reason") or "").strip()))
    return out


def load() -> tuple[list[Recalculation], str]:
    """(entries, problem): the file's entries, or none and why not ("" when fine; no file
    is fine)."""
    key = (version(),)
    with _LOCK:
        if key in _CACHE:
            return _CACHE[key]
    found = path()
    try:
        text = found.read_text(encoding="utf-8")
    except FileNotFoundError:
        result: tuple[list[Recalculation], str] = ([], "")
    except OSError as error:
        result = ([], f"{found.name} cannot be read ({error.strerror})")
    else:
        try:
            result = (parse(text, found.name), "")
        except ValueError as error:
            result = ([], str(error))
    with _LOCK:
        _CACHE.clear()
        _CACHE[key] = result
    return result


def for_chart(areas: tuple[str, ...] | list[str], measure: str
              ) -> tuple[list[tuple[date, str]], str]:
    """The (start, reason) points that apply to ``measure`` for this footprint, in date
    order, and any problem with the file."""
    entries, problem = load()
    wanted = {ANY_AREA} | (set(areas) if len(areas) == 1 else set())
    points = sorted({(e.start, e.reason) for e in entries
                     if e.measure == measure and e.area in wanted})
    return points, problem
