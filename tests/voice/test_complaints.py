"""``sendassure complaints import`` and ``summary``: the contract worked by hand, every
problem of a bad file named with nothing stored, re-imports change nothing, and a fuzz
of the reader that must never crash."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from sendassure.cli import app
from sendassure.voice.importing import ComplaintImportError, check
from sendassure.voice.models import Complaint

runner = CliRunner()
pytestmark = pytest.mark.django_db
HEAD = "complaint_ref,la_code,received_on,stage,themes,responded_on,outcome"
ROWS = [
    "C1,886,2024-03-28,1,assessment;communication,2024-04-15,upheld",  # due 15 Apr: on time
    "C2,886,28/03/2024,1,decision,2024-04-16,not_upheld",  # a day late
    "C3,886,2024-05-03,2,communication;decision,2024-05-31,partly_upheld",  # due 4 Jun
    "C4,886,2024-05-24,1,communication,,withdrawn",  # received only
    "C5,886,2024-06-10,1,delay,,",  # open
    "C6,886,2024-07-01,1,assessment,2024-07-02,upheld",  # after the period
]


def _file(tmp_path, lines, name="complaints.csv"):
    path = tmp_path / name
    path.write_text("\n".join([HEAD, *lines]) + "\n", encoding="utf-8")
    return path


def test_the_summary_by_hand(tmp_path):
    result = runner.invoke(app, ["complaints", "import", str(_file(tmp_path, ROWS))])
    assert result.exit_code == 0 and "6 complaint(s) added" in result.output
    out = runner.invoke(app, ["complaints", "summary", "--from", "2024-03-01", "--to",
                              "2024-06-30"])
    # received C1-C5 = 5; responded C1 C2 C3 = 3 (C4 withdrawn, C5 open); on time C1 C3
    # = 2 of 3 = 66.7%; upheld C1 + partly C3 = 2 of 3 = 66.7%; themes of the 5 received:
    # communication 3 (C1 C3 C4), decision 2, assessment 1, delay 1 (ties by name)
    assert json.loads(out.output) == {
        "received": 5, "responded": 3, "on_time": 2, "pc_on_time": 66.7, "upheld": 2,
        "pc_upheld": 66.7,
        "top_themes": [["communication", 3], ["decision", 2], ["assessment", 1],
                       ["delay", 1]]}
    csv_out = runner.invoke(app, ["complaints", "summary", "--from", "2024-03-01", "--to",
                                  "2024-06-30", "--format", "csv"]).output
    assert csv_out.splitlines()[1].startswith("5,3,2,66.7,2,66.7,")
    empty = json.loads(runner.invoke(app, ["complaints", "summary", "--from", "2020-01-01",
                                           "--to", "2020-12-31"]).output)
    assert empty["received"] == 0 and empty["pc_on_time"] is None and empty["top_themes"] == []


def test_importing_again_changes_nothing_and_a_change_updates(tmp_path):
    path = _file(tmp_path, ROWS)
    runner.invoke(app, ["complaints", "import", str(path)])
    before = list(Complaint.objects.values())
    again = runner.invoke(app, ["complaints", "import", str(path)])
    assert "0 complaint(s) added, 0 updated, 6 unchanged" in again.output
    assert list(Complaint.objects.values()) == before
    changed = _file(tmp_path, ["C5,886,2024-06-10,1,delay,2024-06-11,not_upheld"],
                    name="v2.csv")
    result = runner.invoke(app, ["complaints", "import", str(changed)])
    assert "0 complaint(s) added, 1 updated" in result.output
    assert Complaint.objects.get(reference="C5").outcome == "not_upheld"


@pytest.mark.parametrize("line, column, reason", [
    (",886,2024-03-28,1,delay,,", "complaint_ref", "is required"),
    ("X,88,2024-03-28,1,delay,,", "la_code", "is not a 3-digit LA code"),
    ("X,886,2024-02-30,1,delay,,", "received_on", "is not a date"),
    ("X,886,2024-03-28,3,delay,,", "stage", "is not one of 1, 2, ombudsman"),
    ("X,886,2024-03-28,1,,,", "themes", "needs at least one theme code"),
    ("X,886,2024-03-28,1,delay;rudeness,,", "themes", "'rudeness' is not a theme code"),
    ("X,886,2024-03-28,1,delay,2024-03-01,upheld", "responded_on",
     "is before the complaint was received"),
    ("X,886,2024-03-28,1,delay,2024-04-01,maybe", "outcome", "is not one of"),
    ("X,886,2024-03-28,1,delay,,upheld", "outcome", "is given but responded_on is blank"),
    ("C1,886,2024-03-29,1,delay,,", "complaint_ref", "is also on row 2 at the same stage"),
])
def test_each_bad_row_is_named_and_nothing_is_stored(tmp_path, line, column, reason):
    path = _file(tmp_path, [ROWS[0], line])
    result = runner.invoke(app, ["complaints", "import", str(path)])
    text = " ".join(result.output.split())
    assert result.exit_code == 1 and "nothing was stored" in text
    assert f"complaints.csv: row 3, {column}:" in text and reason in text
    assert Complaint.objects.count() == 0


def test_wrong_columns_are_refused(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("complaint_ref,la_code,child_name\nC1,886,x\n")
    result = runner.invoke(app, ["complaints", "import", str(path)])
    text = " ".join(result.output.split())
    assert "file, received_on: this column is missing" in text
    assert "file, child_name: is not a column of the complaints layout" in text


CELLS = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(CELLS, min_size=0, max_size=9), max_size=6),
       header=st.booleans())
def test_the_reader_never_crashes_on_any_table(tmp_path, rows, header):
    import csv

    path = tmp_path / "fuzz.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        if header:
            writer.writerow(HEAD.split(","))
        writer.writerows(rows)
    try:
        checked = check(path)
    except ComplaintImportError as error:
        assert error.problems and all(str(p) for p in error.problems)
    else:
        assert isinstance(checked, list)


def test_complaints_in_the_figures_service(tmp_path):
    from datetime import date

    from sendassure.figures.service import figures_for
    from sendassure.kpis import periods as P

    runner.invoke(app, ["complaints", "import", str(_file(tmp_path, ROWS))])
    year = P.calendar_year(2024)
    exact = figures_for(["886"], date(2024, 12, 31), stream="complaints").family(
        "complaints", year)
    # 2024: C1-C6 received; responded C1 C2 C3 C6 (C4 withdrawn, C5 open); on time C1,
    # C3, C6 (2 Jul, a day after 1 Jul); upheld C1, C3, C6
    assert {k: f.value for k, f in exact.items() if f.measure.unit == "count"} == {
        "complaints_received": 6, "complaints_responded": 4, "complaints_on_time": 3,
        "complaints_upheld": 3}
    assert str(exact["pc_complaints_on_time"].value) == "75.0"
    # as known on 15 April 2024: only C1 and C2 received, C1 answered by then
    early = figures_for(["886"], date(2024, 4, 15), stream="complaints").family(
        "complaints", P.month(2024, 3))
    assert (early["complaints_received"].value, early["complaints_responded"].value) == (2, 1)
    shown = figures_for(["886"], date(2024, 12, 31), controlled=True,
                        stream="complaints").family("complaints", year)
    assert all(f.text == "c" or not 1 <= int(f.text) <= 4 for f in shown.values()
               if f.measure.unit == "count")
