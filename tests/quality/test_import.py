"""``sendassure audits import``: past audits from a council's spreadsheet. Any bad row
rejects the file with every problem listed (row, column, value, reason) and stores
nothing; importing the same file again changes nothing; the UPN is never stored."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from sendassure.cli import app
from sendassure.core.models import DataVersion
from sendassure.quality.models import Audit, SectionGrade

runner = CliRunner()
HEAD = "audit_ref,plan_ref,audit_date,auditor,agency,overall_grade,section_B,section_E,section_F"


def _csv(tmp_path, lines: list[str], head: str = HEAD, name: str = "audits.csv"):
    path = tmp_path / name
    path.write_text("\n".join([head, *lines]) + "\n", encoding="utf-8")
    return path


def _run(path):
    return runner.invoke(app, ["audits", "import", str(path)])


def test_a_good_file_is_stored_with_the_case_not_the_upn(tmp_path, children):
    path = _csv(tmp_path, [
        f"QA-1,{children[1]},2024-01-10,Ann Auditor,education,good,good,good,requires_improvement",
        f"QA-2,{children[2]},15/02/2024,Bob Auditor,health,inadequate,inadequate,,",
    ])
    result = _run(path)
    assert result.exit_code == 0, result.output
    assert "2 audit(s) added, 0 updated, 0 unchanged" in result.output
    first = Audit.objects.get(reference="QA-1")
    assert (first.la, first.overall_grade, first.agency, str(first.audit_date)) == (
        "886", "good", "education", "2024-01-10")
    assert first.person.identity.upn == children[1]
    assert dict(first.sections.values_list("section", "grade")) == {
        "B": "good", "E": "good", "F": "requires_improvement"}
    assert Audit.objects.get(reference="QA-2").sections.count() == 1  # blank: not audited
    stored = [str(v) for a in Audit.objects.values() for v in a.values()]
    assert not any(children[n] in v for v in stored for n in children)


def test_importing_the_same_file_again_changes_nothing(tmp_path, children):
    path = _csv(tmp_path, [f"QA-1,{children[1]},2024-01-10,Ann,education,good,good,,"])
    assert _run(path).exit_code == 0
    before = (list(Audit.objects.values()), list(SectionGrade.objects.values()),
              list(DataVersion.objects.values()))
    again = _run(path)
    assert again.exit_code == 0 and "0 audit(s) added, 0 updated, 1 unchanged" in again.output
    assert (list(Audit.objects.values()), list(SectionGrade.objects.values()),
            list(DataVersion.objects.values())) == before


def test_a_changed_row_replaces_its_audit(tmp_path, children):
    _run(_csv(tmp_path, [f"QA-1,{children[1]},2024-01-10,Ann,education,good,good,,"]))
    result = _run(_csv(tmp_path, [f"QA-1,{children[1]},2024-01-10,Ann,education,"
                                  "requires_improvement,,good,"], name="v2.csv"))
    assert "0 audit(s) added, 1 updated" in result.output
    audit = Audit.objects.get()
    assert audit.overall_grade == "requires_improvement"
    assert dict(audit.sections.values_list("section", "grade")) == {"E": "good"}


def test_an_xlsx_workbook_is_read_like_the_csv(tmp_path, children):
    from datetime import date

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(HEAD.split(","))
    sheet.append(["QA-9", children[3], date(2024, 3, 1), "Cat", "social_care", "outstanding",
                  "outstanding", None, None])
    path = tmp_path / "audits.xlsx"
    book.save(path)
    result = _run(path)
    assert result.exit_code == 0, result.output
    assert Audit.objects.get().audit_date == date(2024, 3, 1)


@pytest.mark.parametrize("line, column, value, reason", [
    ("QA-1,{u1},2024-01-10,Ann,education,good,,,", None, None, None),  # the good row
    (",{u2},2024-01-10,Ann,education,good,,,", "audit_ref", "", "is required"),
    ("QA-3,not-a-upn,2024-01-10,Ann,education,good,,,", "plan_ref", "aaa-a-aaa",
     "is not a UPN"),
    ("QA-4,A886099999999,2024-01-10,Ann,education,good,,,", "plan_ref", "A999999999999",
     "is not the UPN of any child in the records"),
    ("QA-5,{u2},31/02/2024,Ann,education,good,,,", "audit_date", "31/02/2024",
     "is not a date"),
    ("QA-6,{u2},2010-01-01,Ann,education,good,,,", "audit_date", "2010-01-01",
     "is before EHC plans began"),
    ("QA-7,{u2},2024-01-10,,education,good,,,", "auditor", "", "is required"),
    ("QA-8,{u2},2024-01-10,Ann,school,good,,,", "agency", "school", "is not one of"),
    ("QA-9,{u2},2024-01-10,Ann,education,Good,,,", "overall_grade", "Good", "is not one of"),
    ("QA-10,{u2},2024-01-10,Ann,education,good,fine,,", "section_B", "fine",
     "is not one of"),
    ("QA-1,{u2},2024-01-11,Ann,education,good,,,", "audit_ref", "QA-1", "is also on row 2"),
])
def test_each_bad_row_is_listed_and_nothing_is_stored(tmp_path, children, line, column,
                                                      value, reason):
    good = "QA-1,{u1},2024-01-10,Ann,education,good,,,"
    lines = [good] + ([] if line == good else [line])
    path = _csv(tmp_path, [x.format(u1=children[1], u2=children[2]) for x in lines])
    result = _run(path)
    if column is None:
        assert result.exit_code == 0
        return
    assert result.exit_code == 1, result.output
    text = " ".join(result.output.split())
    assert "nothing was stored" in text
    shown = f"'{value}' " if value else ""
    assert f"audits.csv: row 3, {column}: {shown}{reason}" in text
    assert Audit.objects.count() == 0


def test_every_problem_of_the_file_is_listed_at_once(tmp_path, children):
    path = _csv(tmp_path, [f"QA-1,{children[1]},2024-13-01,Ann,education,good,,,",
                           f"QA-2,{children[2]},2024-01-01,Ann,police,great,,,"])
    result = _run(path)
    text = " ".join(result.output.split())
    assert "3 problem(s)" in text
    for found in ("row 2, audit_date: '2024-13-01'", "row 3, agency: 'police'",
                  "row 3, overall_grade: 'great'"):
        assert found in text


@pytest.mark.parametrize("head, reason", [
    ("audit_ref,plan_ref,audit_date,auditor,agency", "overall_grade: this column is missing"),
    (HEAD + ",child_name", "child_name: is not a column of the audit layout"),
])
def test_a_file_with_the_wrong_columns_is_refused(tmp_path, children, head, reason):
    path = _csv(tmp_path, [f"QA-1,{children[1]},2024-01-10,Ann,education,good,,,,"], head=head)
    result = _run(path)
    assert result.exit_code == 1
    assert f"file, {reason}" in " ".join(result.output.split())
    assert Audit.objects.count() == 0


def test_a_file_that_is_not_a_table_is_refused(tmp_path, children):
    path = tmp_path / "audits.xlsx"
    path.write_bytes(b"not a workbook")
    result = _run(path)
    assert result.exit_code == 1 and "not a readable XLSX workbook" in result.output
    other = tmp_path / "audits.txt"
    other.write_text("x")
    assert "choose a .csv or .xlsx file" in " ".join(_run(other).output.split())


def _twin(upn: str, la: str, key: str) -> None:
    """Another child in the records holding ``upn`` (in ``la``)."""
    from sendassure.casework.models import Person, PersonIdentity

    twin = Person.objects.get(identity__upn=upn)
    twin.pk = None
    twin.la, twin.match_key = la, key
    twin.save()
    PersonIdentity.objects.create(person=twin, upn=upn)


@pytest.mark.parametrize("la, reason", [
    ("886", "is the UPN of more than one child in the records"),
    ("887", "belongs to children in more than one area: choose one with --la"),
])
def test_a_upn_held_by_two_children_is_refused(tmp_path, children, la, reason):
    _twin(children[2], la, "twin")
    path = _csv(tmp_path, [f"QA-1,{children[1]},2024-01-10,Ann,education,good,,,",
                           f"QA-2,{children[2]},2024-01-10,Ann,education,good,,,"])
    result = _run(path)
    text = " ".join(result.output.split())
    assert result.exit_code == 1, result.output
    # the UPN is shown by its shape only, never as given
    assert f"row 3, plan_ref: 'A999999999999' {reason}" in text
    assert children[2] not in result.output
    assert Audit.objects.count() == 0


def test_a_upn_held_in_another_area_is_read_with_la(tmp_path, children):
    _twin(children[2], "887", "twin")
    path = _csv(tmp_path, [f"QA-2,{children[2]},2024-01-10,Ann,education,good,,,"])
    result = runner.invoke(app, ["audits", "import", str(path), "--la", "886"])
    assert result.exit_code == 0, result.output
    assert Audit.objects.get().la == "886"


@pytest.mark.parametrize("line, column, value, reason", [
    ("{ref},{u},2024-01-10,Ann,education,good,,,", "audit_ref", "R" * 41,
     "is longer than 40 characters"),
    ("QA-2,{u},2024-01-10,{long},education,good,,,", "auditor", "A" * 121,
     "is longer than 120 characters"),
    ("QA-2,{u},2101-01-01,Ann,education,good,,,", "audit_date", "2101-01-01",
     "is before EHC plans began (1 September 2014) or implausibly late"),
    ("QA-2,,2024-01-10,Ann,education,good,,,", "plan_ref", "", "is not a UPN"),
])
def test_more_bad_cells_are_listed_and_nothing_is_stored(tmp_path, children, line, column,
                                                         value, reason):
    good = f"QA-1,{children[1]},2024-01-10,Ann,education,good,,,"
    bad = line.format(ref="R" * 41, u=children[2], long="A" * 121)
    result = _run(_csv(tmp_path, [good, bad]))
    assert result.exit_code == 1, result.output
    text = " ".join(result.output.split())
    shown = f"'{value}' " if value else ""
    assert f"audits.csv: row 3, {column}: {shown}{reason}" in text
    assert Audit.objects.count() == 0


def test_a_column_named_twice_and_too_many_rows_are_refused(tmp_path, children,
                                                            monkeypatch):
    twice = _csv(tmp_path, [f"QA-1,{children[1]},2024-01-10,Ann,education,good,,,,"],
                 head=HEAD + ",Section_B")
    result = _run(twice)
    assert result.exit_code == 1 and "a column is named twice" in result.output
    from sendassure.quality import importing

    monkeypatch.setattr(importing, "MAX_ROWS", 1)
    rows = _csv(tmp_path, [f"QA-1,{children[1]},2024-01-10,Ann,education,good,,,",
                           f"QA-2,{children[2]},2024-01-10,Ann,education,good,,,"],
                name="long.csv")
    result = _run(rows)
    assert result.exit_code == 1 and "more than 1 rows" in result.output
    assert Audit.objects.count() == 0


def test_a_rejected_file_leaves_earlier_audits_as_they_were(tmp_path, children):
    assert _run(_csv(tmp_path, [f"QA-1,{children[1]},2024-01-10,Ann,education,good,,,"])
                ).exit_code == 0
    before = (list(Audit.objects.values()), list(SectionGrade.objects.values()),
              list(DataVersion.objects.values()))
    # a changed grade for QA-1 beside a bad row: neither is stored
    bad = _csv(tmp_path, [f"QA-1,{children[1]},2024-01-10,Ann,education,inadequate,,,",
                          f"QA-2,{children[2]},2024-01-10,Ann,education,great,,,"],
               name="bad.csv")
    assert _run(bad).exit_code == 1
    assert (list(Audit.objects.values()), list(SectionGrade.objects.values()),
            list(DataVersion.objects.values())) == before
