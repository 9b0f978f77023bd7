"""How many plans to audit, and a stratified, seeded, reproducible choice of which."""

from __future__ import annotations

import math
import random
from collections import Counter
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sendassure.kpis.sampling import sample_size, stratified_sample, systematic_allocation

# z = Phi^-1(0.975) = 1.959964, z^2 = 3.841459; n0 = 3.841459 * 0.5 * 0.5 / 0.05^2 = 384.146


def test_sample_size_worked_by_hand():
    # N = 1000: 384.146 / (1 + 383.146 / 1000) = 384.146 / 1.383146 = 277.73 -> 278
    assert sample_size(1000) == 278
    # N = 100: 384.146 / (1 + 383.146 / 100) = 384.146 / 4.83146 = 79.51 -> 80
    assert sample_size(100) == 80
    # N = 10^9: the correction is nil, 384.146 -> 385
    assert sample_size(10**9) == 385
    # 10% margin, N = 1000: n0 = 3.841459 * 0.25 / 0.01 = 96.04;
    # 96.04 / (1 + 95.04 / 1000) = 96.04 / 1.09504 = 87.70 -> 88
    assert sample_size(1000, margin=0.10) == 88
    # 99%: z = 2.575829, n0 = 6.634897 * 0.25 / 0.0025 = 663.49;
    # 663.49 / (1 + 662.49 / 1000) = 663.49 / 1.66249 = 399.09 -> 400
    assert sample_size(1000, confidence=0.99) == 400


def test_sample_size_edges():
    assert sample_size(0) == 0
    assert sample_size(1) == 1  # 384.146 / (1 + 383.146) = 1
    assert sample_size(100, proportion=0.0) == 0  # no variation, nothing to estimate
    assert all(sample_size(n) <= n for n in range(0, 500))
    for bad in ({"population": -1}, {"population": 10, "margin": 0},
                {"population": 10, "confidence": 1}, {"population": 10, "proportion": 1.5}):
        with pytest.raises(ValueError):
            sample_size(**bad)


class Start(random.Random):
    """A generator whose first ``getrandbits(53)`` is the start given (for hand-worked
    allocations)."""

    def __init__(self, start: Fraction):
        super().__init__(0)
        self.bits = int(start * 2**53)

    def getrandbits(self, k):
        return self.bits


def test_systematic_allocation_worked_by_hand():
    # Quotas 7 x (50, 30, 20) / 100 = 3.5, 2.1, 1.4; whole parts 3, 2, 1 = 6; 1 place
    # left. Fractional parts in sorted order a 0.5, b 0.1, c 0.4: running totals
    # [0, 0.5) a, [0.5, 0.6) b, [0.6, 1.0) c. Start 0.25 -> a; 0.55 -> b; 0.9 -> c.
    sizes = {"c": 20, "b": 30, "a": 50}  # dict order does not matter: strata are sorted
    for start, got in ((Fraction(1, 4), "a"), (Fraction(55, 100), "b"),
                       (Fraction(9, 10), "c")):
        expected = {"a": 3, "b": 2, "c": 1}
        expected[got] += 1
        assert systematic_allocation(sizes, 7, Start(start)) == expected
    # Quotas 4 x 10 / 30 = 1.333 each, 1 left; parts 1/3 each: x [0, 1/3), y [1/3, 2/3),
    # z [2/3, 1). Start 0.5 -> y.
    assert systematic_allocation({"z": 10, "y": 10, "x": 10}, 4, Start(Fraction(1, 2))) == {
        "x": 1, "y": 2, "z": 1}
    # Missing values sort last: ("P", "ASD") takes [0, 0.5), ("P", None) [0.5, 1).
    assert systematic_allocation({("P", None): 5, ("P", "ASD"): 5}, 1,
                                 Start(Fraction(3, 4))) == {("P", None): 1, ("P", "ASD"): 0}
    # More than the total: everything; whole quotas use no randomness.
    assert systematic_allocation({"a": 2, "b": 1}, 10, Start(0)) == {"a": 2, "b": 1}
    assert systematic_allocation({"a": 2, "b": 1}, 0, Start(0)) == {"a": 0, "b": 0}


def test_more_strata_than_places_is_not_biased_to_the_largest_strata():
    # Four dimensions of a big caseload make strata smaller than one place each. Need X:
    # 10 localities of 11 plans; need Y: 100 localities of 10. 50 of 1,110: X's exact
    # share is 50 x 110 / 1,110 = 4.95 plans. Every quota is under 1 (X 0.495, Y 0.45),
    # so giving places to the largest fractional parts would give all 10 X strata one
    # (10 X plans: twice its share); systematic selection gives X 4 or 5, whatever the seed.
    records = [{"id": f"X{loc}-{i}", "need": "X", "locality": f"L{loc:03}"}
               for loc in range(10) for i in range(11)]
    records += [{"id": f"Y{loc}-{i}", "need": "Y", "locality": f"L{loc:03}"}
                for loc in range(100) for i in range(10)]
    for seed in range(30):
        chosen = stratified_sample(records, 50, by=["need", "locality"], seed=seed)
        assert len(chosen) == 50
        assert sum(1 for k in chosen if k.startswith("X")) in (4, 5), seed


def plans(n_primary: int = 12, n_secondary: int = 8) -> list[dict]:
    """Plans 1..n: primary first, needs alternating ASD, SEMH."""
    phases = ["primary"] * n_primary + ["secondary"] * n_secondary
    return [{"id": i, "phase": phase, "need": ("ASD", "SEMH")[i % 2]}
            for i, phase in enumerate(phases, start=1)]


def test_stratified_sample_takes_each_stratum_in_proportion():
    # 12 primary, 8 secondary, 5 to pick: quotas 3.0 and 2.0.
    records = plans()
    chosen = stratified_sample(records, 5, by=["phase"], seed=7)
    phase = {r["id"]: r["phase"] for r in records}
    assert Counter(phase[k] for k in chosen) == {"primary": 3, "secondary": 2}
    assert chosen == sorted(chosen) and len(set(chosen)) == 5


def test_stratified_by_two_fields():
    # Strata phase x need: (primary, ASD) 6, (primary, SEMH) 6, (secondary, ASD) 4,
    # (secondary, SEMH) 4. 10 of 20: quotas 3, 3, 2, 2 exactly.
    records = plans()
    chosen = stratified_sample(records, 10, by=["phase", "need"], seed=1)
    stratum = {r["id"]: (r["phase"], r["need"]) for r in records}
    assert Counter(stratum[k] for k in chosen) == {
        ("primary", "ASD"): 3, ("primary", "SEMH"): 3,
        ("secondary", "ASD"): 2, ("secondary", "SEMH"): 2}


def test_same_seed_same_sample_other_seed_other_sample():
    records = plans(60, 40)
    first = stratified_sample(records, 20, by=["phase"], seed=2026)
    assert stratified_sample(records, 20, by=["phase"], seed=2026) == first
    assert stratified_sample(records, 20, by=["phase"], seed=2027) != first


def test_seeded_sample_is_pinned():
    # The promise is that anyone can draw the same sample again, later: this pins it.
    assert stratified_sample(plans(), 5, by=["phase"], seed=7) == PINNED
    # Strata are drawn from in sorted order ("primary" first) even when the lowest ids
    # are secondary plans.
    secondary_first = [{"id": i, "phase": "secondary" if i <= 8 else "primary"}
                       for i in range(1, 21)]
    assert stratified_sample(secondary_first, 5, by=["phase"], seed=7) == PINNED_SECONDARY_FIRST


PINNED = [3, 6, 7, 13, 20]
PINNED_SECONDARY_FIRST = [1, 8, 11, 14, 15]


def test_the_order_of_the_records_does_not_matter():
    records = plans(30, 20)
    expected = stratified_sample(records, 12, by=["phase", "need"], seed=5)
    for shuffle_seed in range(5):
        shuffled = records[:]
        random.Random(shuffle_seed).shuffle(shuffled)
        assert stratified_sample(shuffled, 12, by=["phase", "need"], seed=5) == expected


def test_size_at_least_the_population_takes_every_record():
    records = plans(3, 2)
    assert stratified_sample(records, 5, by=["phase"], seed=1) == [1, 2, 3, 4, 5]
    assert stratified_sample(records, 50, by=["phase"], seed=1) == [1, 2, 3, 4, 5]
    assert stratified_sample(records, 0, by=["phase"], seed=1) == []


def test_other_key_and_bad_records():
    records = [{"plan": f"P{i}", "phase": "primary"} for i in range(4)]
    assert stratified_sample(records, 9, by=["phase"], seed=1, key="plan") == [
        "P0", "P1", "P2", "P3"]
    with pytest.raises(ValueError, match="'id'"):
        stratified_sample(records, 2, by=["phase"], seed=1)
    with pytest.raises(ValueError, match="'need'"):
        stratified_sample(records, 2, by=["need"], seed=1, key="plan")
    with pytest.raises(ValueError, match="'plan'"):
        stratified_sample(records + records[:1], 2, by=["phase"], seed=1, key="plan")


record_lists = st.lists(
    st.tuples(st.sampled_from(["primary", "secondary", None]), st.sampled_from(["ASD", "SEMH"])),
    min_size=0, max_size=40,
).map(lambda rows: [{"id": i, "phase": p, "need": n} for i, (p, n) in enumerate(rows)])


@settings(max_examples=100, deadline=None)
@given(record_lists, st.integers(0, 45), st.integers(0, 2**32), st.randoms())
def test_sample_properties(records, size, seed, shuffler):
    chosen = stratified_sample(records, size, by=["phase", "need"], seed=seed)
    assert len(chosen) == min(size, len(records))
    assert len(set(chosen)) == len(chosen)
    assert set(chosen) <= {r["id"] for r in records}
    stratum = {r["id"]: (r["phase"], r["need"]) for r in records}
    # every stratum, and every phase (the first dimension), gets its exact quota
    # rounded down or up
    taken = Counter(stratum[k] for k in chosen)
    total = len(records)
    for group in (lambda s: s, lambda s: s[0]):
        sizes = Counter(group(s) for s in stratum.values())
        got = Counter(group(stratum[k]) for k in chosen)
        for value, count in sizes.items():
            quota = Fraction(min(size, total) * count, total)
            assert math.floor(quota) <= got[value] <= math.ceil(quota), (value, quota)
    assert sum(taken.values()) == len(chosen)
    shuffled = records[:]
    shuffler.shuffle(shuffled)
    assert stratified_sample(shuffled, size, by=["phase", "need"], seed=seed) == chosen
