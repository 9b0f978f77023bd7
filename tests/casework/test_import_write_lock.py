"""The SEN2 import reads and judges the whole file before it opens its one write
transaction, so the write lock is held only to store (issue 14 item 3, ADR 0011)."""

from __future__ import annotations

from django.db import connection

from sendassure.casework.models import Person
from sendassure.ingest import importer
from sendassure.ingest.models import ImportRun
from sendassure.ingest.rules.checker import Checker
from sendassure.synth import generate_area


def test_records_are_judged_outside_the_write_transaction(db, tmp_path, monkeypatch):
    depth_when_judged = []
    real_check = Checker.check

    def check(self, person):
        depth_when_judged.append(len(connection.savepoint_ids))
        return real_check(self, person)

    monkeypatch.setattr(Checker, "check", check)
    [path] = generate_area("886", [2024], 0.01, 5, tmp_path)
    depth_at_test = len(connection.savepoint_ids)
    report = importer.import_sen2([path])
    assert report.status == "stored" and depth_when_judged
    # pytest-django's own transaction aside, no savepoint (no import transaction) is open
    assert set(depth_when_judged) == {depth_at_test}
    assert Person.objects.count() == report.stored["person"]


def test_a_strict_rejection_never_opens_a_transaction(db, tmp_path, monkeypatch):
    [path] = generate_area("886", [2024], 0.01, 5, tmp_path)  # has deliberate errors
    opened = []
    real_store = importer._store
    monkeypatch.setattr(importer, "_store", lambda *a: opened.append(1) or real_store(*a))
    report = importer.import_sen2([path], strict=True)
    assert report.status == "rejected" and "--strict" in report.message
    assert opened == [] and not ImportRun.objects.exists()


def test_an_import_finished_by_another_meanwhile_is_unchanged(db, tmp_path, monkeypatch):
    [path] = generate_area("886", [2024], 0.01, 5, tmp_path)
    real_judge = importer._judge

    def judge_while_another_imports(*args):
        judged = real_judge(*args)
        monkeypatch.setattr(importer, "_judge", real_judge)
        assert importer.import_sen2([path]).status == "stored"  # the other import
        return judged

    monkeypatch.setattr(importer, "_judge", judge_while_another_imports)
    report = importer.import_sen2([path])
    assert report.status == "unchanged" and report.issues == []
    assert ImportRun.objects.count() == 1
