"""The inputs the SEN2 families are computed from: the case frames of some areas, built
once and kept until the records change (the stream's version moves on)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import polars as pl

from .memo import Memo

_FRAMES = Memo(8)


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
    return _FRAMES.get(key, lambda: build(areas))


def forget() -> None:
    _FRAMES.clear()
