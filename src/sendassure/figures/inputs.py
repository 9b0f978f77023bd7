"""The inputs the SEN2 families are computed from: the case frames of some areas, built
once and kept until the records change (the stream's version moves on)."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass

import polars as pl

_CACHE: OrderedDict[tuple, CaseFrames] = OrderedDict()
_SIZE = 8
_LOCK = threading.Lock()


@dataclass(frozen=True)
class CaseFrames:
    requests: pl.DataFrame
    active_plans: pl.DataFrame


def build(areas: Sequence[str] | None) -> CaseFrames:
    from sendassure.casework import frames

    areas = sorted(areas) if areas else None
    return CaseFrames(frames.requests_for(areas), frames.active_plans_for(areas))


def case_frames(areas: Sequence[str]) -> CaseFrames:
    """The frames of ``areas``, rebuilt only when their records or the register change."""
    from .registry import STREAMS

    key = (tuple(sorted(areas)), STREAMS["sen2"].version(areas))
    with _LOCK:
        if key in _CACHE:
            _CACHE.move_to_end(key)
            return _CACHE[key]
    built = build(areas)
    with _LOCK:
        _CACHE[key] = built
        while len(_CACHE) > _SIZE:
            _CACHE.popitem(last=False)
    return built


def forget() -> None:
    with _LOCK:
        _CACHE.clear()
