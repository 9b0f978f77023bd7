"""Hypothesis fuzz of the plan quality audits reader (CSV) with hostile headers and
cells: every file either imports cleanly or is refused with ``AuditImportError`` naming
each problem's row, column and reason, and a refused file stores nothing; no other
exception ever escapes, and no UPN is ever stored beside an audit."""

from __future__ import annotations

import csv

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sendassure.quality.importing import (
    REQUIRED,
    SECTION_COLUMNS,
    AuditImportError,
    import_audits,
)
from sendassure.quality.models import Audit, SectionGrade

FUZZ = settings(max_examples=40, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])
COLUMNS = [*REQUIRED, *SECTION_COLUMNS]
HOSTILE = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=20),
    st.sampled_from(["=cmd|' /C calc'!A0", "\x00", "\ufeff", "x" * 600, "\n", '"',
                     "2024-02-30", "31/12/1899", "9999-12-31", "0001-01-01", "NaN", "-1",
                     "Mrs Smith ME14 1XX", "A12345678901Z"]))


def _cells(children):
    return st.one_of(HOSTILE, st.sampled_from([
        *children.values(), "QA-1", "QA-2", "2024-01-10", "15/02/2024", "Ann Auditor",
        "education", "health", "care", "good", "outstanding", "requires_improvement",
        "inadequate", "", ""]))


def _write(tmp_path, header, rows):
    path = tmp_path / "audits.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def _store() -> tuple:
    return tuple(tuple(m.objects.order_by("pk").values_list()) for m in (Audit, SectionGrade))


@FUZZ
@given(data=st.data())
def test_the_audits_reader_imports_or_names_every_problem(tmp_path, children, data):
    header = data.draw(st.one_of(
        st.just(list(REQUIRED)), st.permutations(COLUMNS[:9]),
        st.lists(st.one_of(st.sampled_from(COLUMNS), HOSTILE), max_size=9)))
    rows = data.draw(st.lists(st.lists(_cells(children), max_size=10), max_size=5))
    path = _write(tmp_path, header, rows)
    before = _store()
    try:
        result = import_audits(path)
    except AuditImportError as error:
        assert error.problems
        for problem in error.problems:
            assert problem.reason and str(problem)
            if problem.row is not None:
                assert 2 <= problem.row <= len(rows) + 1 and problem.column
        assert _store() == before  # nothing stored
    else:
        assert Audit.objects.count() == len(before[0]) + result.added
        stored = repr(_store())
        assert not any(upn in stored for upn in children.values())


def test_a_nul_byte_in_plan_ref_is_refused_by_its_shape(tmp_path, children):
    """Found by the fuzz on PostgreSQL (text cannot hold NUL): the plan_ref was looked up
    before its format was checked. Now it is refused as not a UPN, and never queried."""
    path = _write(tmp_path, list(REQUIRED),
                  [["QA-1", "\x00", "2024-01-10", "Ann Auditor", "education", "good"]])
    try:
        import_audits(path)
    except AuditImportError as error:
        assert [(p.row, p.column) for p in error.problems] == [(2, "plan_ref")]
        assert "is not a UPN" in error.problems[0].reason
    else:
        raise AssertionError("a NUL byte was accepted as a plan reference")
    assert not Audit.objects.exists()
