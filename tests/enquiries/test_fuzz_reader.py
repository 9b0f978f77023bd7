"""Hypothesis fuzz of the enquiries reader with hostile headers and cells: every file
either imports cleanly or is refused naming each problem's row, column and reason, and
a refused file stores nothing; no other exception ever escapes."""

from __future__ import annotations

import csv

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sendassure.enquiries.importing import COLUMNS, OPTIONAL, EnquiryImportError, import_enquiries
from sendassure.enquiries.models import Enquiry

pytestmark = pytest.mark.django_db
FUZZ = settings(max_examples=60, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])
HOSTILE = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=20),
    st.sampled_from(["=cmd|' /C calc'!A0", "\x00", "a\x00b", "\ufeff", "x" * 600, "\n",
                     '"', "2024-02-30", "31/12/1899", "9999-12-31", "\u0663\u0668\u0668",
                     "+44 7700 900123", "Mrs Smith ME14 1XX", "NaN", "-1"]))
CELLS = st.one_of(HOSTILE, st.sampled_from([
    "E1", "E2", "886", "2025-04-17", "17/04/2025", "2025-04-22", "phone", "email",
    "out_of_education", "transport", "", "", "A123456789012", "My son Tom waited"]))
ALL = [*COLUMNS, *OPTIONAL]


@FUZZ
@given(header=st.one_of(st.just(list(COLUMNS)), st.permutations(ALL),
                        st.lists(st.one_of(st.sampled_from(ALL), HOSTILE), max_size=10)),
       rows=st.lists(st.lists(CELLS, max_size=10), max_size=6))
def test_the_enquiries_reader_imports_or_names_every_problem(tmp_path, header, rows):
    path = tmp_path / "enquiries.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    before = list(Enquiry.objects.order_by("pk").values_list())
    try:
        result = import_enquiries(path)
    except EnquiryImportError as error:
        assert error.problems
        for problem in error.problems:
            assert problem.reason and str(problem)
            if problem.row is not None:
                assert 2 <= problem.row <= len(rows) + 1 and problem.column
        assert list(Enquiry.objects.order_by("pk").values_list()) == before
    else:
        assert Enquiry.objects.count() == len(before) + result.added
