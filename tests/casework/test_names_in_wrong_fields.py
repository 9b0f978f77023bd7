"""Issue 14, item 1: a name or a postcode sent in the wrong field is never stored or shown.

Each attack the probe made goes through the real importer (and the upload page): a
surname in ``Sex``, a forename in ``Ethnicity``, a full name in ``ReceivedDate``, a
postcode in ``Ethnicity``. Every person also repeats a request (SEN2-2013) so that a
record holding the attack is quarantined whole. The raw text must appear nowhere: not
in the report's issues, not in the stored issues, not in the quarantine's content, not in
any table, not on the import, quarantine or upload pages, not in the quarantine CSV.
What is shown instead still says where and what: the file, the record's location, the
field, the value's shape and the rule.
"""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sendassure.casework import models as m
from sendassure.ingest.importer import import_sen2
from sendassure.ingest.models import ImportIssue, ImportRun, QuarantinedRecord

from .sen2_builder import person, request, sen2_xml
from .test_privacy import _every_text_value

pytestmark = pytest.mark.django_db

SURNAME, FORENAME, FULL_NAME, POSTCODE = (
    "Smithersonby", "Quillamina", "Quillamina Smithersonby", "CT21 4JF",
)  # fmt: skip
ATTACKS = (SURNAME, FORENAME, FULL_NAME, POSTCODE)
P = "/Message/Persons/Person"


def _twice(**fields) -> list[dict]:
    """The same request twice: the second is quarantined whole (SEN2-2013)."""
    return [request(**fields), request(**fields)]


def _attack_return() -> str:
    safe = {"PostCode": "ME14 1XX"}  # the persons' own postcodes are not the attack
    return sen2_xml([
        person(1, _twice(), Sex=SURNAME, **safe),
        person(2, _twice(), Ethnicity=FORENAME, **safe),
        person(3, _twice(received=FULL_NAME), **safe),
        person(4, _twice(), Ethnicity=POSTCODE, **safe),
    ])  # fmt: skip


def _leaks(text: str) -> list[str]:
    """The attacks found in ``text``, ignoring case and spaces."""
    flat = re.sub(r"\s+", "", text).lower()
    return [a for a in ATTACKS if re.sub(r"\s+", "", a).lower() in flat]


def _import(tmp_path):
    path = tmp_path / "kent-attack.xml"
    path.write_text(_attack_return(), encoding="utf-8")
    report = import_sen2([path])
    assert report.status == "stored", report.message
    return report


def test_the_attacks_are_reported_by_shape_naming_file_record_field_and_rule(tmp_path):
    report = _import(tmp_path)
    found = {(i.code, i.location, i.field, i.value, i.message) for i in report.issues}
    assert {
        ("SEN2-1020", f"{P}[1]/Sex", "Sex", "[shape Aaaaaaaaaaaa, 12 characters]",
         "Sex [shape Aaaaaaaaaaaa, 12 characters] is not one of the codes M, F"),
        ("SEN2-1021", f"{P}[2]/Ethnicity", "Ethnicity", "[shape Aaaaaaaaaa, 10 characters]",
         "Ethnicity [shape Aaaaaaaaaa, 10 characters] is not a CBDS ethnicity code (such as "
         "WBRI, or REFU for refused, NOBT for not yet obtained)"),
        ("SEN2-2001", f"{P}[3]/Requests[1]/ReceivedDate", "ReceivedDate",
         "[shape Aaaaaaaaaa Aaaaaaaaaaaa, 23 characters]",
         "ReceivedDate [shape Aaaaaaaaaa Aaaaaaaaaaaa, 23 characters] is not a date in the "
         "form YYYY-MM-DD"),
        ("SEN2-1021", f"{P}[4]/Ethnicity", "Ethnicity", "[shape AA99 9AA, 8 characters]",
         "Ethnicity [shape AA99 9AA, 8 characters] is not a CBDS ethnicity code (such as "
         "WBRI, or REFU for refused, NOBT for not yet obtained)"),
    } <= found
    repeated = [i for i in report.issues if i.code == "SEN2-2013" and "Person[3]" in i.location]
    assert [i.value for i in repeated] == ["[shape Aaaaaaaaaa Aaaaaaaaaaaa, 23 characters]"]
    assert _leaks(json.dumps(report.as_json(), ensure_ascii=False)) == []
    run = ImportRun.objects.get()
    assert run.file_name == "kent-attack.xml"


def test_the_attacks_are_stored_nowhere(tmp_path):
    _import(tmp_path)
    stored = [(i.value or "") + " " + i.message for i in ImportIssue.objects.all()]
    assert stored and _leaks("\n".join(stored)) == []
    quarantined = QuarantinedRecord.objects.all()
    assert quarantined.count() == 4  # each person's second request
    contents = [json.dumps(q.content, ensure_ascii=False) for q in quarantined]
    assert _leaks("\n".join(contents)) == []
    by_location = {q.location: q.content for q in quarantined}
    assert by_location[f"{P}[1]/Requests[2]"]["person"]["Sex"] == (
        "[shape Aaaaaaaaaaaa, 12 characters]")
    assert by_location[f"{P}[3]/Requests[2]"]["fields"]["ReceivedDate"] == (
        "[shape Aaaaaaaaaa Aaaaaaaaaaaa, 23 characters]")
    assert by_location[f"{P}[4]/Requests[2]"]["person"]["Ethnicity"] == (
        "[shape AA99 9AA, 8 characters]")
    assert _leaks("\n".join(value for _, _, value in _every_text_value())) == []
    # The stored persons keep no part of a value that fails its field's code list.
    assert sorted(m.Person.objects.values_list("sex", "ethnicity")) == [
        ("", "WBRI"), ("F", ""), ("F", ""), ("F", "WBRI")]


def test_the_import_and_quarantine_pages_and_the_csv_show_only_shapes(client, make_user):
    client.force_login(make_user("analyst"))
    upload = SimpleUploadedFile("kent-attack.xml", _attack_return().encode(),
                                content_type="application/xml")
    result = client.post(reverse("import-upload"), {"returns": upload})
    assert result.status_code == 200 and _leaks(result.content.decode()) == []
    run = ImportRun.objects.get()
    pages = [client.get(reverse("import-detail", args=[run.pk])),
             client.get(reverse("import-detail", args=[run.pk]) + "?code=SEN2-1021"),
             client.get(reverse("quarantine"))]
    pages += [client.get(reverse("quarantine-detail", args=[q.pk]))
              for q in QuarantinedRecord.objects.all()]
    for page in pages:
        assert page.status_code == 200
        assert _leaks(page.content.decode()) == []
    assert "[shape Aaaaaaaaaa, 10 characters]" in pages[1].content.decode()

    export = client.get(reverse("quarantine-export"))
    text = export.content.decode()
    assert _leaks(text) == []
    rows = list(csv.DictReader(io.StringIO(text)))
    third = {r["code"]: r for r in rows if r["location"] == f"{P}[3]/Requests[2]"}
    assert set(third) == {"SEN2-2001", "SEN2-2013"}
    for row in third.values():
        assert (row["file"], row["field"], row["value"]) == (
            "kent-attack.xml", "ReceivedDate", "[shape Aaaaaaaaaa Aaaaaaaaaaaa, 23 characters]")
    assert third["SEN2-2013"]["message"].startswith(
        "ReceivedDate [shape Aaaaaaaaaa Aaaaaaaaaaaa, 23 characters] repeats request 1")


def test_a_name_in_a_field_given_twice_is_reported_by_shape(tmp_path):
    """The reader keeps the first value and reports the second (SEN2-0001)."""
    text = sen2_xml([person(1, PostCode="ME14 1XX")]).replace(
        "<Sex>F</Sex>", f"<Sex>F</Sex><Sex>{SURNAME}</Sex>", 1)
    path = tmp_path / "twice.xml"
    path.write_text(text, encoding="utf-8")
    report = import_sen2([path])
    [problem] = [i for i in report.issues if i.code == "SEN2-0001"]
    assert (problem.location, problem.field, problem.value) == (
        f"{P}[1]/Sex", "Sex", "[shape Aaaaaaaaaaaa, 12 characters]")
    assert _leaks(json.dumps(report.as_json())) == []
    assert _leaks(" ".join(f"{i.value} {i.message}" for i in ImportIssue.objects.all())) == []


def test_rows_stored_before_the_fix_are_masked_by_the_migration():
    import importlib

    from django.apps import apps

    migration = importlib.import_module(
        "sendassure.ingest.migrations.0003_mask_values_failing_their_format")
    run = ImportRun.objects.create(la="886", file_name="old.xml", file_hash="x" * 64,
                                   file_format="xml", reference_date="2025-01-16",
                                   status="stored")
    record = QuarantinedRecord.objects.create(
        la="886", import_run=run, scope="request", location=f"{P}[1]/Requests[2]", codes="",
        content={"person": {"Sex": SURNAME, "PostCode": "ME14", "PersonBirthDate": "2015-06",
                            "UPN": "S*****ons"},
                 "fields": {"ReceivedDate": FULL_NAME, "RequestOutcome": "Y"},
                 "assessment": {"fields": {"AssessmentOutcome": FORENAME}}})
    old = [("Sex", SURNAME, f"Sex {SURNAME} is not one of the codes M, F"),
           ("Ethnicity", POSTCODE, f"Ethnicity {POSTCODE} is not a CBDS ethnicity code"),
           ("UPN", "B*********001", "UPN B*********001 is also given for another person"),
           ("PersonBirthDate", "2015-06", "PersonBirthDate 2015-06 makes the person 25")]
    for field, value, message in old:
        ImportIssue.objects.create(import_run=run, quarantined_record=record, code="SEN2-1",
                                   severity="query", location="x", field=field, value=value,
                                   message=message)
    migration.mask(apps, None)
    rows = {i.field: (i.value, i.message) for i in ImportIssue.objects.all()}
    assert rows["Sex"] == ("[shape Aaaaaaaaaaaa, 12 characters]",
                           "Sex [shape Aaaaaaaaaaaa, 12 characters] is not one of the codes M, F")
    assert rows["Ethnicity"][0] == "[shape AA99 9AA, 8 characters]"
    assert rows["UPN"][0] == "B*********001" and rows["PersonBirthDate"][0] == "2015-06"
    content = QuarantinedRecord.objects.get().content
    assert _leaks(json.dumps(content)) == [] and "Smithers" not in json.dumps(content)
    assert content["person"] == {"Sex": "[shape Aaaaaaaaaaaa, 12 characters]",
                                 "PostCode": "ME14", "PersonBirthDate": "2015-06",
                                 "UPN": "[shape A*****aaa, 9 characters]"}
    assert content["fields"]["RequestOutcome"] == "Y"
    assert content["assessment"]["fields"]["AssessmentOutcome"] == (
        "[shape Aaaaaaaaaa, 10 characters]")
