"""Hypothesis fuzz of the complaints and surveys readers with hostile headers and cells:
every file either imports cleanly or is refused with the module's RejectedFile error
naming each problem's row, column and reason (the value where there is one), and a
refused file stores nothing; no other exception ever escapes."""

from __future__ import annotations

import csv

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sendassure.core.tables import RejectedFile
from sendassure.voice.importing import COLUMNS, ComplaintImportError, import_complaints
from sendassure.voice.models import Complaint, SurveyAnswer, SurveyComment, SurveyResponse
from sendassure.voice.surveys import FIXED, SurveyImportError, import_survey

pytestmark = pytest.mark.django_db
FUZZ = settings(max_examples=50, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])
HOSTILE = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=20),
    st.sampled_from(["=cmd|' /C calc'!A0", "\x00", "a\x00b", "\ufeff", "x" * 600, "\n",
                     '"', "2024-02-30", "31/12/1899", "9999-12-31", "\u0663\u0668\u0668",
                     "+44 7700 900123", "Mrs Smith ME14 1XX", " ; ;", "NaN", "-1"]))
COMPLAINT_CELLS = st.one_of(HOSTILE, st.sampled_from([
    "C1", "C2", "886", "2024-03-28", "28/03/2024", "2024-04-15", "1", "2", "ombudsman",
    "assessment", "assessment;delay", "upheld", "not_upheld", "withdrawn", "", "",
    "apology;financial", "other"]))
SURVEY_CELLS = st.one_of(HOSTILE, st.sampled_from([
    "r1", "r2", "2020", "2021-06", "parent_carer", "young_person", "practitioner",
    "2020-12-01", "01/12/2020", "Strongly agree", "agree", "Don't know", "dont_know",
    "neither", "", "", "My son Tom waited"]))


def _write(tmp_path, header, rows, name):
    path = tmp_path / name
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def _refusal_is_named(error: RejectedFile, rows: int) -> None:
    assert error.problems
    for problem in error.problems:
        assert problem.reason and str(problem)
        if problem.row is not None:
            assert 2 <= problem.row <= rows + 1 and problem.column


def _store(*models) -> tuple:
    return tuple(tuple(m.objects.order_by("pk").values_list()) for m in models)


@FUZZ
@given(header=st.one_of(
    st.just(list(COLUMNS)), st.just([*COLUMNS, "remedies"]),
    st.permutations([*COLUMNS, "remedies"]),
    st.lists(st.one_of(st.sampled_from([*COLUMNS, "remedies"]), HOSTILE), max_size=9)),
    rows=st.lists(st.lists(COMPLAINT_CELLS, max_size=10), max_size=6))
def test_the_complaints_reader_imports_or_names_every_problem(tmp_path, header, rows):
    path = _write(tmp_path, header, rows, "complaints.csv")
    before = _store(Complaint)
    try:
        result = import_complaints(path)
    except ComplaintImportError as error:
        _refusal_is_named(error, len(rows))
        assert _store(Complaint) == before  # nothing stored
    else:
        assert result.added + result.updated + result.unchanged >= 0
        assert Complaint.objects.count() == len(before[0]) + result.added


@FUZZ
@given(header=st.one_of(
    st.just([*FIXED, "I know who to contact", "Comment: What would help?"]),
    st.permutations([*FIXED, "I feel heard", "Comment:"]),
    st.lists(st.one_of(st.sampled_from([*FIXED, "I feel heard", "Comment: Why?"]),
                       HOSTILE, HOSTILE.map(lambda t: "Comment:" + t)), max_size=8)),
    rows=st.lists(st.lists(SURVEY_CELLS, max_size=8), max_size=6))
def test_the_surveys_reader_imports_or_names_every_problem(tmp_path, header, rows):
    path = _write(tmp_path, header, rows, "survey.csv")
    before = _store(SurveyResponse, SurveyAnswer, SurveyComment)
    try:
        result = import_survey(path, "886")
    except SurveyImportError as error:
        _refusal_is_named(error, len(rows))
        assert _store(SurveyResponse, SurveyAnswer, SurveyComment) == before
    else:
        assert SurveyResponse.objects.count() == len(before[0]) + result.added
        for text in SurveyComment.objects.values_list("text", flat=True):
            assert "Tom" not in text and "ME14 1XX" not in text and "Smith" not in text
