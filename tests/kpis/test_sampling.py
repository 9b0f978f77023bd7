"""How many plans to audit, and a stratified, seeded, reproducible choice of which."""

from __future__ import annotations

import random
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sendassure.kpis.sampling import proportional_allocation, sample_size, stratified_sample

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


def test_proportional_allocation_by_largest_remainder():
    # Quotas 7 x (50, 30, 20) / 100 = 3.5, 2.1, 1.4; whole parts 3, 2, 1 = 6;
    # the 1 place left goes to the largest remainder, a's 0.5: a 4, b 2, c 1.
    assert proportional_allocation({"a": 50, "b": 30, "c": 20}, 7) == {"a": 4, "b": 2, "c": 1}
    # Quotas 4 x 10 / 30 = 1.333 each: 1, 1, 1 and 1 left; a three-way tie goes to the
    # stratum that sorts first, whatever the dict order.
    assert proportional_allocation({"z": 10, "y": 10, "x": 10}, 4) == {"x": 2, "y": 1, "z": 1}
    # Missing values sort last: ("P", "ASD") before ("P", None) on a 0.5 tie.
    assert proportional_allocation({("P", None): 5, ("P", "ASD"): 5}, 1) == {
        ("P", None): 0, ("P", "ASD"): 1}
    # More than the total: everything.
    assert proportional_allocation({"a": 2, "b": 1}, 10) == {"a": 2, "b": 1}
    assert proportional_allocation({"a": 2, "b": 1}, 0) == {"a": 0, "b": 0}


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
    sizes = Counter(stratum.values())
    assert Counter(stratum[k] for k in chosen) + Counter() == Counter(
        proportional_allocation(dict(sizes), size)) + Counter()
    shuffled = records[:]
    shuffler.shuffle(shuffled)
    assert stratified_sample(shuffled, size, by=["phase", "need"], seed=seed) == chosen
