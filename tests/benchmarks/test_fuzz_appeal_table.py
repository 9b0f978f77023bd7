"""Hypothesis fuzz of the SEND Tribunal appeal-rate table reader (an untidy wide table:
year headers over 'Appeals registered / decisions / rate' blocks, region banners, notes):
any file either reads or is refused with LayoutError naming the file; no other exception
escapes. Regression cases kept: the header as the last row, and a short row under it."""

from __future__ import annotations

import csv

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sendassure.benchmarks.outcomes.layouts import LayoutError, read

HEADER = ["Local Authority", "LA code", "2023", "", "", "2024", "", ""]
SUB = ["", "", "Appeals registered", "Appeals decided", "Appeal rate",
       "Appeals registered", "Appeals decided", "Appeal rate"]
CELLS = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12),
    st.sampled_from(["Kent", "886", "KENT", "SOUTH EAST", "England", "England total "
                     "excluding x", "12", "0.5", "x", "..", "~", "-", "nil or negligible",
                     "1.2%", "", "", "Source: MoJ", "1. note", "Local Authority", "LA code",
                     "2024", "Appeals registered", "Nowhere Borough"]))
ROWS = st.lists(st.lists(CELLS, max_size=9), max_size=8)


def _write(path, rows) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)


@settings(max_examples=150, deadline=None)
@given(before=ROWS, keep_sub=st.booleans(), body=ROWS)
def test_any_appeal_table_reads_or_is_refused_with_a_reason(tmp_path_factory, before,
                                                            keep_sub, body):
    path = tmp_path_factory.mktemp("appeals") / "appeals.csv"
    _write(path, [r for r in before if r[:2] != HEADER[:2]] + [HEADER]
           + ([SUB] if keep_sub else []) + body)
    try:
        records = read(path)
    except LayoutError as refusal:
        assert "appeals.csv" in str(refusal)
    else:
        assert all(r.series == "tribunal_appeal_rate" for r in records)


@pytest.mark.parametrize("rows", [
    [HEADER],                                  # the header is the last row
    [HEADER, ["", ""]],                        # the row under it is short
])
def test_a_cut_off_table_is_refused_not_a_crash(tmp_path, rows):
    path = tmp_path / "appeals.csv"
    _write(path, rows)
    with pytest.raises(LayoutError, match="appeals.csv: an appeal rate table without year"):
        read(path)
