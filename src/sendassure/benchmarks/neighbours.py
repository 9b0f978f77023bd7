"""Statistical neighbours: the LAs a local area compares itself with.

The mapping is configuration: ``NEIGHBOURS`` ships Kent's list, and ``neighbours_of``
accepts any other mapping (e.g. loaded from settings or YAML) of 3-digit LA code to an
ordered list of 3-digit codes, closest first.

Kent (886): APPROXIMATION. DfE's children's services statistical neighbour model (the
list published in the LA Interactive Tool) was not to hand when this was written; the ten
below are large shire counties with a similar profile (population, deprivation, coastal
and rural mix) as commonly used in Kent's own comparisons. Replace them with the current
DfE list when it is available; codes are the ``old_la_code`` of DfE's files.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

LA_NAMES = {
    "886": "Kent",
    "881": "Essex",
    "938": "West Sussex",
    "850": "Hampshire",
    "888": "Lancashire",
    "860": "Staffordshire",
    "891": "Nottinghamshire",
    "845": "East Sussex",
    "926": "Norfolk",
    "885": "Worcestershire",
    "830": "Derbyshire",
}

NEIGHBOURS: dict[str, tuple[str, ...]] = {
    "886": ("881", "938", "850", "888", "860", "891", "845", "926", "885", "830"),
}
APPROXIMATE = {"886"}  # lists chosen by hand, not DfE's model


def neighbours_of(
    la: str, mapping: Mapping[str, Sequence[str]] | None = None, limit: int | None = None
) -> tuple[str, ...]:
    """The statistical neighbours of ``la`` (closest first), or ``()`` if none are known."""
    found = tuple((mapping if mapping is not None else NEIGHBOURS).get(la, ()))
    return found[:limit] if limit is not None else found


def comparison_group(
    la: str, mapping: Mapping[str, Sequence[str]] | None = None
) -> tuple[str, ...]:
    """``la`` followed by its neighbours: the rows to pick from a benchmark file."""
    return (la, *neighbours_of(la, mapping))
