"""``sendassure enquiries import`` and ``summary``: the layout worked by hand (promised
dates from the category's urgency, a case linked by UPN without keeping it, summaries
scrubbed), every problem of a bad file named with nothing stored, re-imports change
nothing."""

from __future__ import annotations

import json
from datetime import date

import pytest
from typer.testing import CliRunner

from sendassure.casework.models import Person, PersonIdentity
from sendassure.cli import app
from sendassure.enquiries.importing import EnquiryImportError, import_enquiries
from sendassure.enquiries.models import Enquiry
from sendassure.ingest.models import ImportRun

runner = CliRunner()
pytestmark = pytest.mark.django_db
HEAD = "enquiry_ref,la_code,received_on,channel,category,replied_on,upn,summary"
ROWS = [
    # urgent, promised Tue 22 Apr 2025 (Easter), replied then: on time, 1 working day
    "E1,886,2025-04-17,phone,out_of_education,2025-04-22,A123456789012,"
    "My son Tom is out of school since March",
    # routine, promised Mon 19 May 2025 (5 May a holiday), replied 20 May: late, 11 days
    "E2,886,02/05/2025,email,transport,2025-05-20,,",
    # routine, not replied
    "E3,886,2025-06-02,web_form,annual_review,,,Mrs Jones at ME14 1XX asked again",
]


@pytest.fixture
def child():
    run = ImportRun.objects.create(la="886", file_name="r.xml", file_hash="x" * 64,
                                   file_format="xml", reference_date="2025-01-16",
                                   status="stored")
    person = Person.objects.create(la="886", import_run=run, reference_date="2025-01-16",
                                   match_key="k1")
    PersonIdentity.objects.create(person=person, upn="A123456789012")
    return person


def _file(tmp_path, lines, head=HEAD, name="enquiries.csv"):
    path = tmp_path / name
    path.write_text("\n".join([head, *lines]) + "\n", encoding="utf-8")
    return path


def test_import_and_summary_by_hand(tmp_path, child):
    result = runner.invoke(app, ["enquiries", "import", str(_file(tmp_path, ROWS))])
    assert result.exit_code == 0 and "3 enquiry(ies) added" in result.output
    e1, e2, e3 = Enquiry.objects.order_by("reference")
    assert (e1.urgent, e1.reply_by, e1.update_by) == (True, date(2025, 4, 22),
                                                      date(2025, 4, 28))
    assert (e2.urgent, e2.reply_by) == (False, date(2025, 5, 19))
    assert e1.person == child and e2.person is None
    assert e1.summary == "My son [name] is out of school since March"
    assert e3.summary == "[name] at ME14 asked again"
    assert "A123456789012" not in json.dumps(list(Enquiry.objects.values()), default=str)
    out = runner.invoke(app, ["enquiries", "summary", "--from", "2025-01-01", "--to",
                              "2025-12-31"])
    found = json.loads(out.stdout)
    assert {k: found[k] for k in ("received", "urgent", "replied", "on_time", "pc_on_time",
                                  "escalated", "median_working_days")} == {
        "received": 3, "urgent": 1, "replied": 2, "on_time": 1, "pc_on_time": 50.0,
        "escalated": 0, "median_working_days": 6.0}  # median of 1 and 11
    assert found["by_urgency"]["urgent"]["on_time"] == 1
    assert found["by_channel"]["email"]["on_time"] == 0
    assert sorted(found["by_category"]) == ["annual_review", "out_of_education", "transport"]
    csv_out = runner.invoke(app, ["enquiries", "summary", "--from", "2025-01-01", "--to",
                                  "2025-12-31", "--format", "csv"]).stdout.splitlines()
    assert csv_out[0].startswith("by,group,received") and csv_out[1].startswith("all,all,3,1")
    again = runner.invoke(app, ["enquiries", "import", str(_file(tmp_path, ROWS))])
    assert "0 enquiry(ies) added, 0 updated, 3 unchanged" in again.output


def test_a_changed_row_replaces_its_enquiry(tmp_path, child):
    import_enquiries(_file(tmp_path, ROWS))
    changed = [*ROWS[:2], "E3,886,2025-06-02,web_form,annual_review,2025-06-03,,"]
    result = import_enquiries(_file(tmp_path, changed))
    assert (result.added, result.updated, result.unchanged) == (0, 1, 2)
    assert Enquiry.objects.get(reference="E3").replied_on == date(2025, 6, 3)


def test_every_problem_is_named_and_nothing_is_stored(tmp_path, child):
    bad = [
        "E1,88,2025-02-30,fax,lost_dog,2025-01-01,B000000000000,",
        "E2,886,2025-05-02,email,transport,2025-05-01,,",
        "E2,886,2025-05-02,email,transport,,,",
        ",886,2025-05-02,email,transport,,,",
    ]
    with pytest.raises(EnquiryImportError) as caught:
        import_enquiries(_file(tmp_path, bad))
    named = {(p.row, p.column, p.value) for p in caught.value.problems}
    assert named == {
        (2, "la_code", "88"), (2, "received_on", "2025-02-30"), (2, "channel", "fax"),
        (2, "category", "lost_dog"), (2, "upn", "B000000000000"),
        (3, "replied_on", "2025-05-01"), (4, "enquiry_ref", "E2"), (5, "enquiry_ref", "")}
    assert all(p.reason for p in caught.value.problems)
    assert not Enquiry.objects.exists()
    result = runner.invoke(app, ["enquiries", "import", str(_file(tmp_path, bad))])
    assert result.exit_code == 1 and "row 3, replied_on: '2025-05-01' is before" in \
        result.output


def test_a_file_with_the_wrong_columns_is_refused(tmp_path):
    with pytest.raises(EnquiryImportError) as caught:
        import_enquiries(_file(tmp_path, [], head="enquiry_ref,la_code,when,name"))
    reasons = {(p.column, p.reason) for p in caught.value.problems}
    assert ("received_on", "this column is missing") in reasons
    assert ("name", "is not a column of the enquiries layout") in reasons
