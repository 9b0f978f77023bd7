"""Statistical neighbours: the LAs a local area compares itself with.

By default the lists that ship with the area SEND inspection data (``authorities``:
DfE's children's services statistical neighbours, ten per LA, closest first).
``neighbours_of`` accepts any other mapping of 3-digit LA code to an ordered list of
3-digit codes, e.g. one an area prefers to use.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .authorities import authorities


def neighbours_of(
    la: str, mapping: Mapping[str, Sequence[str]] | None = None, limit: int | None = None
) -> tuple[str, ...]:
    """The statistical neighbours of ``la`` (closest first), or ``()`` if none are known."""
    if mapping is not None:
        found = tuple(mapping.get(la, ()))
    else:
        known = authorities().get(la)
        found = known.neighbours if known else ()
    return found[:limit] if limit is not None else found


def comparison_group(
    la: str, mapping: Mapping[str, Sequence[str]] | None = None
) -> tuple[str, ...]:
    """``la`` followed by its neighbours: the rows to pick from a benchmark file."""
    return (la, *neighbours_of(la, mapping))
