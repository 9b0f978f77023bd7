"""Hypothesis fuzz of the referral extract reader and loader (CSV) with hostile headers
and cells: every file is either refused whole with ``ExtractRefused`` (nothing stored) or
loaded with each row stored or quarantined (none lost), and no raw cell that failed its
format, and no NHS number, is ever stored in clear."""

from __future__ import annotations

import csv
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sendassure.health.referral_models import QuarantinedReferral, Referral, ReferralExtract
from sendassure.health.referrals.extract import COLUMNS, ExtractRefused
from sendassure.health.referrals.rules import formats
from sendassure.health.referrals.store import load_extract

from .extracts import CHILD_A, CHILD_B

pytestmark = pytest.mark.django_db
FUZZ = settings(max_examples=40, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])
HOSTILE = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=20),
    st.sampled_from(["=cmd|' /C calc'!A0", "\x00", "\ufeff", "x" * 600, "\n", '"',
                     "2024-02-30", "9999-12-31", "0001-01-01", "NaN", "-1",
                     "Mrs Smith ME14 1XX", "9434765918", "943476591\x00"]))
GOOD = st.sampled_from([CHILD_A, CHILD_B, "943 476 5919", "2015-03", "2024-01-10",
                        "2024-02-01", "M", "2", "salt", "ot", "RXY", "RYX", "urgent",
                        "routine", "seen", "", ""])


def _write(tmp_path, header, rows):
    path = tmp_path / "extract.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


@FUZZ
@given(data=st.data())
def test_every_extract_loads_whole_or_is_refused(tmp_path, data):
    header = data.draw(st.one_of(
        st.just(list(COLUMNS)), st.permutations(COLUMNS),
        st.lists(st.one_of(st.sampled_from(COLUMNS), HOSTILE), max_size=13)))
    rows = data.draw(st.lists(st.lists(st.one_of(HOSTILE, GOOD), min_size=12,
                                       max_size=13), max_size=5))
    path = _write(tmp_path, header, rows)
    held = (ReferralExtract.objects.count(), Referral.objects.count(),
            QuarantinedReferral.objects.count())
    try:
        loaded = load_extract(path, "886")
    except ExtractRefused as error:
        assert error.path == path and error.reason
        assert (ReferralExtract.objects.count(), Referral.objects.count(),
                QuarantinedReferral.objects.count()) == held
        return
    if loaded.outcome == "unchanged":
        return
    extract = ReferralExtract.objects.latest("pk")
    body = [r for r in rows if any(c.strip() for c in r)]
    assert extract.stored + extract.quarantined == len(body)
    assert extract.quarantine.count() == extract.quarantined
    assert extract.referrals.count() == extract.stored
    for held_row in extract.quarantine.all():
        for column, kept in held_row.content.items():
            assert kept == "" or kept.startswith("[shape ") or (
                column != "nhs_number" and formats.valid(column, kept))
            assert "\x00" not in kept
    stored = [str(v) for r in Referral.objects.values_list() for v in r]
    stored += [json.dumps(q.content) for q in QuarantinedReferral.objects.all()]
    for number in (CHILD_A, CHILD_B, "9434765919"):
        assert not any(number in text for text in stored)


def test_a_nul_in_an_nhs_number_is_quarantined_by_its_shape(tmp_path):
    path = _write(tmp_path, COLUMNS, [[f"{CHILD_A[:9]}\x00", "2015-03", "M", "salt", "RXY",
                                       "2024-01-10", "routine", "", "", "", "", ""]])
    loaded = load_extract(path, "886")
    assert (loaded.stored, loaded.quarantined) == (0, 1)
    assert QuarantinedReferral.objects.get().content["nhs_number"] == \
        "[shape 999999999?, 10 characters]"
