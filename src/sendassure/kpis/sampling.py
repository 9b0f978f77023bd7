"""How many EHC plans to audit, and which ones (issue 11).

``sample_size`` is the usual size for estimating a proportion (say, the share of plans
graded good or better) to within a margin of error::

    n0 = z^2 * p * (1 - p) / e^2          (infinite population)
    n  = n0 / (1 + (n0 - 1) / N)          (finite population correction)

rounded up, with ``z`` the standard normal quantile ``Phi^-1((1 + confidence) / 2)``
(1.96 for 95%), ``p`` the expected proportion (0.5, the cautious choice, unless there is
better information), ``e`` the margin and ``N`` the number of plans.

``stratified_sample`` picks that many plans so that each group (say, each phase and
primary need) is in the sample in proportion to its size, and picks them with a seeded
random generator, so the same seed and the same plans always give the same sample: an
auditor can show how the sample was drawn, and anyone can draw it again.

Each stratum gets the whole part of its exact quota; the places left over go to strata
by systematic selection on their fractional parts (``systematic_allocation``): strata in
sorted order, a seeded random start, one place each time the running total of the
fractional parts passes start + 0, 1, 2, ... So every stratum gets its quota rounded
down or up, each with the right chance, and so does every group of strata sharing the
first dimension(s) (implicit stratification). Giving the left-over places to the largest
fractional parts instead would be biased when there are more strata than places (four
dimensions of a large caseload): every quota is under 1, so the places would all go to
the largest strata (all of one primary need).
"""

from __future__ import annotations

import math
import random
from collections.abc import Hashable, Iterable, Mapping, Sequence
from fractions import Fraction
from typing import Any

from scipy.stats import norm

CEIL_TOLERANCE = 1e-9
"""Float noise allowed before rounding up, so that 80.0000000001 is 80, not 81."""


def sample_size(
    population: int, margin: float = 0.05, confidence: float = 0.95, proportion: float = 0.5
) -> int:
    """Plans to audit to estimate a proportion to within ``margin`` at ``confidence``.

    See the module docstring for the formula. Never more than ``population``; 0 for an
    empty population. For 1,000 plans, 5% and 95%: 278.
    """
    if population < 0:
        raise ValueError(f"population must not be negative, not {population}")
    if not 0 < margin < 1:
        raise ValueError(f"margin must be between 0 and 1, not {margin}")
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must be between 0 and 1, not {confidence}")
    if not 0 <= proportion <= 1:
        raise ValueError(f"proportion must be between 0 and 1, not {proportion}")
    if population == 0:
        return 0
    z = float(norm.ppf((1 + confidence) / 2))
    n0 = z * z * proportion * (1 - proportion) / (margin * margin)
    n = n0 / (1 + (n0 - 1) / population)
    return min(population, math.ceil(n - CEIL_TOLERANCE))


def systematic_allocation(
    stratum_sizes: Mapping[Hashable, int], size: int, rng: random.Random
) -> dict[Hashable, int]:
    """Split ``size`` across strata in proportion to their sizes, the left-over places
    by systematic selection on the quotas' fractional parts (see the module docstring).

    Strata are taken in sorted order. The random start is drawn from ``rng`` only when
    some places are left over, so quotas that are all whole numbers use no randomness.
    ``size`` is capped at the total.
    """
    total = sum(stratum_sizes.values())
    size = max(0, min(size, total))
    if total == 0:
        return {stratum: 0 for stratum in stratum_sizes}
    quotas = {s: Fraction(size * count, total) for s, count in stratum_sizes.items()}
    allocation = {s: math.floor(quota) for s, quota in quotas.items()}
    left = size - sum(allocation.values())
    if left == 0:
        return allocation
    start = Fraction(rng.getrandbits(53), 2**53)  # exact, in [0, 1)
    running = Fraction(0)
    for stratum in sorted(stratum_sizes, key=_sort_key):
        before = running
        running += quotas[stratum] - allocation[stratum]
        # one place if a point start + k (k = 0, 1, ...) falls in [before, running)
        if math.ceil(running - start) > math.ceil(before - start):
            allocation[stratum] += 1
    return allocation


def stratified_sample(
    records: Sequence[Mapping[str, Any]], size: int, by: Sequence[str], seed: int,
    key: str = "id",
) -> list[Any]:
    """The ``key`` of each record picked: ``size`` records, stratified by the ``by`` fields.

    Strata are the combinations of the ``by`` values; each gets its
    ``systematic_allocation`` share. Records are sorted by ``key``, strata are visited
    in sorted order, and one ``random.Random(seed)`` picks within each, so the answer
    depends only on the records and the seed, not on their order. A ``size`` of the
    whole population or more picks every record. The keys come back sorted.
    """
    ordered = sorted(records, key=lambda record: _field(record, key))
    keys = [_field(record, key) for record in ordered]
    if len(set(keys)) != len(keys):
        raise ValueError(f"records share a {key!r}: each needs its own")
    if size >= len(ordered):
        return keys
    strata = _strata(ordered, by)
    rng = random.Random(seed)
    allocation = systematic_allocation({s: len(rs) for s, rs in strata.items()}, size, rng)
    chosen = []
    for stratum in sorted(strata, key=_sort_key):
        picked = rng.sample(strata[stratum], allocation[stratum])
        chosen.extend(_field(record, key) for record in picked)
    return sorted(chosen)


def _strata(
    records: Iterable[Mapping[str, Any]], by: Sequence[str]
) -> dict[tuple, list[Mapping[str, Any]]]:
    strata: dict[tuple, list[Mapping[str, Any]]] = {}
    for record in records:
        stratum = tuple(_field(record, field) for field in by)
        strata.setdefault(stratum, []).append(record)
    return strata


def _field(record: Mapping[str, Any], field: str) -> Any:
    try:
        return record[field]
    except KeyError:
        raise ValueError(f"a record has no {field!r}: {dict(record)!r}") from None


def _sort_key(stratum: Hashable) -> tuple:
    """Sort strata with missing values (``None``) last, without comparing None to values."""
    values = stratum if isinstance(stratum, tuple) else (stratum,)
    return tuple((value is None, "" if value is None else value) for value in values)
