"""Survey free text (``Comment:`` columns) is stored scrubbed, keyed to the respondent's
hash, idempotently (tags survive an unchanged re-import, not a changed text); complaint
remedies come from an optional column; the new KPI helpers worked by hand."""

from __future__ import annotations

from datetime import date

import pytest

from sendassure.kpis import complaints as K
from sendassure.kpis.surveys import shown_tag_count, tag_counts
from sendassure.voice.importing import ComplaintImportError, import_complaints
from sendassure.voice.models import CommentTag, Complaint, SurveyComment, SurveyResponse
from sendassure.voice.surveys import SurveyImportError, import_survey

pytestmark = pytest.mark.django_db
HEAD = ("respondent_id,wave,respondent_group,completed_on,I feel heard,"
        "Comment: What would help?,COMMENT:\n")


def _survey(tmp_path, lines, name="s.csv"):
    path = tmp_path / name
    path.write_text(HEAD + "\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_comments_are_scrubbed_and_kept_once(tmp_path):
    path = _survey(tmp_path, [
        "p1@example.org,2024,parent_carer,2024-05-01,agree,Mrs Smith at ME14 1XX never rang,",
        "p2,2024,young_person,2024-05-02,disagree,,More help at school",
        "p3,2024,parent_carer,2024-05-03,agree,,",
    ])
    result = import_survey(path, "886")
    assert result.added == 3
    found = {c.question: c.text for c in SurveyComment.objects.all()}
    assert found == {"What would help?": "[name] at ME14 never rang",
                     "Any other comments": "More help at school"}
    keys = set(SurveyResponse.objects.values_list("respondent_key", flat=True))
    assert all(len(k) == 64 and "@" not in k for k in keys)
    comment = SurveyComment.objects.get(question="What would help?")
    tag = CommentTag.objects.create(la="886", label="communication")
    comment.tags.add(tag)
    assert import_survey(path, "886").unchanged == 3
    assert list(comment.tags.all()) == [tag]  # unchanged text keeps its tags
    changed = _survey(tmp_path, [
        "p1@example.org,2024,parent_carer,2024-05-01,agree,Nobody answered the phone,",
        "p2,2024,young_person,2024-05-02,disagree,,",
    ], "v2.csv")
    again = import_survey(changed, "886")
    assert (again.updated, again.unchanged) == (2, 0)
    comment.refresh_from_db()
    assert comment.text == "Nobody answered the phone" and not comment.tags.exists()
    assert not SurveyComment.objects.filter(question="Any other comments").exists()


def test_an_overlong_comment_is_refused_without_showing_it(tmp_path):
    path = _survey(tmp_path, ["p1,2024,parent_carer,2024-05-01,agree," + "word " * 900 + ","])
    with pytest.raises(SurveyImportError) as error:
        import_survey(path, "886")
    (problem,) = error.value.problems
    assert (problem.row, problem.column, problem.value) == (2, "Comment: What would help?", "")
    assert "longer than 4,000 characters" in problem.reason
    assert SurveyResponse.objects.count() == 0


def test_two_comment_columns_asking_the_same_question_are_refused(tmp_path):
    path = tmp_path / "s.csv"
    path.write_text("respondent_id,wave,respondent_group,completed_on,Comment: Why?,"
                    "comment:why?\nr1,w,parent_carer,2024-01-01,a,b\n")
    with pytest.raises(SurveyImportError) as error:
        import_survey(path, "886")
    assert "a column is named twice" in str(error.value.problems[0])


COMPLAINTS = ("complaint_ref,la_code,received_on,stage,themes,responded_on,outcome,remedies\n"
              "C1,886,2024-03-28,1,delay,2024-04-10,upheld,apology;Financial;apology\n")


def test_remedies_are_imported_and_kept_when_the_column_is_absent(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text(COMPLAINTS)
    import_complaints(path)
    assert Complaint.objects.get().remedy_codes == ["apology", "financial"]
    plain = tmp_path / "plain.csv"
    plain.write_text(COMPLAINTS.replace(",remedies", "").replace(",apology;Financial;apology",
                                                                 ""))
    assert import_complaints(plain).unchanged == 1
    assert Complaint.objects.get().remedy_codes == ["apology", "financial"]
    bad = tmp_path / "bad.csv"
    bad.write_text(COMPLAINTS.replace("apology;Financial;apology", "cake"))
    with pytest.raises(ComplaintImportError) as error:
        import_complaints(bad)
    assert "row 2, remedies: 'cake' 'cake' is not a remedy code" in str(error.value.problems[0])


def _row(ref, stage, received, themes=("delay",), responded=None, outcome=""):
    return K.ComplaintRow(ref, stage, received, themes, responded, outcome)


def test_the_complaint_helpers_by_hand():
    rows = [_row("A", "1", date(2023, 5, 1), ("delay", "communication")),
            _row("B", "1", date(2024, 2, 1), ("communication",), date(2024, 2, 5), "upheld"),
            _row("C", "ombudsman", date(2024, 3, 1), ("decision",), date(2024, 6, 1),
                 "not_upheld"),
            _row("D", "ombudsman", date(2024, 4, 1), ("decision",)),
            _row("E", "ombudsman", date(2024, 5, 1), ("decision",), None, "withdrawn")]
    assert K.themes_by_year(rows, [2023, 2024]) == {
        2023: [["communication", 1], ["delay", 1]],
        2024: [["decision", 3], ["communication", 1]]}
    assert K.outcomes(rows, "ombudsman", date(2024, 1, 1), date(2024, 12, 31)) == {
        "open": 1, "withdrawn": 1, "upheld": 0, "partly_upheld": 0, "not_upheld": 1,
        "no_outcome": 0}
    found = K.remedies([(rows[1], ["apology", "financial", "apology"]), (rows[2], ["apology"]),
                        (rows[0], ["other"])], date(2024, 1, 1), date(2024, 12, 31))
    assert dict(found) == {"apology": 2, "financial": 1}
    stages = K.by_stage(rows, date(2024, 1, 1), date(2024, 12, 31), {"1": 10, "ombudsman": 20},
                        ["1", "ombudsman"])
    assert (stages["1"]["received"], stages["1"]["on_time"]) == (1, 1)
    assert (stages["ombudsman"]["received"], stages["ombudsman"]["responded"]) == (3, 1)


def test_tag_counts_count_respondents_once_and_suppress_below_the_threshold():
    counts = tag_counts([("r1", ["waits", "communication"]), ("r1", ["waits"]),
                         ("r2", ["waits"]), ("r3", [])])
    assert counts == {"waits": 2, "communication": 1}
    assert [shown_tag_count(n, 10) for n in (0, 1, 9, 10, 11)] == ["0", "c", "c", "10", "11"]
