"""Waiting-list validation, worked by hand. The checks over entries first, then the
command over loaded extracts (json, csv, table), which names rows, never NHS numbers."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest
from typer.testing import CliRunner

from sendassure.cli import app
from sendassure.health.referrals.store import load_extract
from sendassure.health.waiting_list import Entry, validate
from sendassure.health.waiting_list.stale import months_before

from .extracts import CHILD_A, CHILD_B, CHILD_C, CHILD_D, row, write_extract

runner = CliRunner()
D = date.fromisoformat


def entry(provider="RXY", row=2, child="a", service="salt", born="2015-03-01",
          referred="2024-01-10", contact=None, stop=None) -> Entry:
    return Entry(provider, f"{provider.lower()}.csv", row, child, service, D(born), D(referred),
                 contact and D(contact), stop and D(stop))


def _found(entries, **options):
    reference, issues = validate(entries, **options)
    return reference, [(i.provider_code, i.row, i.issue, i.detail) for i in issues]


def test_months_before_keeps_the_day_or_the_months_last():
    assert months_before(D("2024-06-30"), 6) == D("2023-12-30")
    assert months_before(D("2024-08-31"), 6) == D("2024-02-29")
    assert months_before(D("2024-03-15"), 15) == D("2022-12-15")


def test_open_at_two_providers_is_told_to_both():
    _, found = _found([entry("RXY", 2, contact="2024-02-01"),
                       entry("RYX", 5, referred="2024-02-01", contact="2024-02-20"),
                       # stopped (before both referrals): not waiting, not a duplicate
                       entry("RZZ", 3, referred="2023-11-01", contact="2023-12-01",
                             stop="2023-12-01"),
                       entry("RYX", 6, child="b", contact="2024-02-01"),
                       entry("RZZ", 4, service="ot", contact="2024-02-01")])
    assert found == [
        ("RXY", 2, "duplicate_across_providers", "also waiting for this service at RYX"),
        ("RYX", 5, "duplicate_across_providers", "also waiting for this service at RXY")]


def test_already_seen_elsewhere_since_the_referral():
    _, found = _found([entry("RXY", 2, referred="2024-01-10", contact="2024-01-20"),
                       entry("RYX", 7, referred="2023-11-01", contact="2024-01-10",
                             stop="2024-01-10"),
                       # seen at RZZ before this referral: a new episode, not flagged
                       entry("RXY", 3, child="b", referred="2024-01-10", contact="2024-02-01"),
                       entry("RZZ", 4, child="b", referred="2023-06-01", contact="2023-07-01",
                             stop="2024-01-09")])
    assert found == [("RXY", 2, "already_seen_elsewhere", "clock stopped at RYX on 2024-01-10")]


def test_stale_is_measured_from_the_latest_referral_in_the_data():
    entries = [entry("RXY", 2, referred="2023-12-29"),   # 6 months and a day before: stale
               entry("RXY", 3, child="b", referred="2023-12-30"),  # exactly 6 months: not
               entry("RXY", 4, child="c", referred="2023-01-01", contact="2023-02-01"),
               entry("RXY", 5, child="d", referred="2023-01-01", stop="2023-03-01"),
               entry("RYX", 6, child="e", referred="2024-06-30", contact="2024-07-01")]
    reference, found = _found(entries)
    assert reference == D("2024-06-30")
    assert found == [("RXY", 2, "stale_no_contact", "no first contact; referred 2023-12-29, "
                      "more than 6 months before 2024-06-30")]
    _, three = _found(entries, stale_months=3)
    assert [(p, r) for p, r, *_ in three] == [("RXY", 2), ("RXY", 3)]


def test_age_out_of_range_never_overstates_an_age():
    _, found = _found([
        entry("RXY", 2, born="2024-02-01", referred="2024-01-31", contact="2024-02-01"),
        entry("RXY", 3, child="b", born="2024-01-01", referred="2024-01-01",
              contact="2024-01-02"),
        # born by 31 Jan 2006 at the latest: 18 on 31 Jan 2024 -> out of range that day
        entry("RXY", 4, child="c", born="2006-01-01", referred="2024-01-31",
              contact="2024-02-01"),
        entry("RXY", 5, child="d", born="2006-01-01", referred="2024-01-30",
              contact="2024-02-01")])
    assert found == [
        ("RXY", 2, "age_out_of_range", "born (2024-02) after the referral date"),
        ("RXY", 4, "age_out_of_range",
         "aged 18 or over when referred (born 2006-01, referred 2024-01-31)")]


def test_nothing_loaded_gives_no_reference_and_no_issue():
    assert validate([]) == (None, [])


@pytest.mark.django_db
def test_the_command_names_rows_per_provider_and_never_a_number(tmp_path):
    load_extract(write_extract(tmp_path / "rxy.csv", [
        row(nhs_number=CHILD_A, referral_date="2024-01-10", first_contact_date="2024-01-12"),
        row(nhs_number=CHILD_B, referral_date="2023-06-01"),
        row(nhs_number=CHILD_C, birth_month="2004-05", referral_date="2024-03-01",
            first_contact_date="2024-03-02"),
    ]), "886")
    load_extract(write_extract(tmp_path / "ryx.csv", [
        row(nhs_number=CHILD_A, provider_code="RYX", referral_date="2024-02-01",
            first_contact_date="2024-02-02"),
        row(nhs_number=CHILD_D, provider_code="RYX", referral_date="2024-04-30",
            first_contact_date="2024-05-01"),
    ]), "886")
    result = runner.invoke(app, ["health", "validate-waiting-list", "--area", "886",
                                 "--format", "json"])
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    assert (found["reference_date"], found["stale_months"], found["issues"]) == \
        ("2024-04-30", 6, 4)
    assert found["summary"] == {
        "RXY": {"duplicate_across_providers": 1, "stale_no_contact": 1, "age_out_of_range": 1},
        "RYX": {"duplicate_across_providers": 1}}
    assert found["providers"] == {
        "RXY": [
            {"file_name": "rxy.csv", "row": 2, "service": "salt",
             "issue": "duplicate_across_providers",
             "detail": "also waiting for this service at RYX"},
            {"file_name": "rxy.csv", "row": 3, "service": "salt", "issue": "stale_no_contact",
             "detail": "no first contact; referred 2023-06-01, more than 6 months before "
                       "2024-04-30"},
            {"file_name": "rxy.csv", "row": 4, "service": "salt", "issue": "age_out_of_range",
             "detail": "aged 18 or over when referred (born 2004-05, referred 2024-03-01)"}],
        "RYX": [
            {"file_name": "ryx.csv", "row": 2, "service": "salt",
             "issue": "duplicate_across_providers",
             "detail": "also waiting for this service at RXY"}]}
    as_csv = runner.invoke(app, ["health", "validate-waiting-list", "--area", "886",
                                 "--format", "csv"]).stdout
    rows = list(csv.reader(io.StringIO(as_csv)))
    assert rows[0] == ["provider_code", "file_name", "row", "service", "issue", "detail"]
    assert rows[1][:5] == ["RXY", "rxy.csv", "2", "salt", "duplicate_across_providers"]
    assert len(rows) == 5
    table = runner.invoke(app, ["health", "validate-waiting-list", "--area", "886",
                                "--format", "table"]).stdout
    assert "4 issue(s)." in table
    assert "RXY: 1 duplicate_across_providers, 1 stale_no_contact, 1 age_out_of_range" in table
    assert "RYX: 1 duplicate_across_providers" in table
    only = json.loads(runner.invoke(app, ["health", "validate-waiting-list", "--area", "886",
                                          "--provider", "ryx", "--format", "json"]).stdout)
    assert (only["issues"], list(only["providers"])) == (1, ["RYX"])
    assert only["providers"]["RYX"] == found["providers"]["RYX"]
    for output in (result.stdout, as_csv, table):
        assert not any(n in output for n in (CHILD_A, CHILD_B, CHILD_C, CHILD_D))
        assert "n:" not in output  # nor the hashes


@pytest.mark.django_db
def test_each_run_is_audited():
    from sendassure.core.models import AuditEvent

    runner.invoke(app, ["health", "validate-waiting-list", "--area", "886", "--format", "csv"])
    event = AuditEvent.objects.get(object_type="WaitingListValidation")
    assert (event.action, event.object_id, event.areas) == ("view", "886", ",886,")
