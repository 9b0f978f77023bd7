"""Loading referral extracts: good rows stored with the NHS number only as a keyed hash,
bad rows quarantined with every finding (shape only), one transaction, idempotent, a
later extract of a provider replacing what it held; the CLI reports each finding by
file, row, column, value shape and rule."""

from __future__ import annotations

import pytest
from django.db import connection
from typer.testing import CliRunner

from sendassure.cli import app
from sendassure.core import versions
from sendassure.health.referral_models import QuarantinedReferral, Referral, ReferralExtract
from sendassure.health.referrals.extract import COLUMNS, ExtractRefused
from sendassure.health.referrals.store import UNCHANGED, load_extract

from .extracts import CHILD_A, CHILD_B, CHILD_C, row, write_extract

pytestmark = pytest.mark.django_db
runner = CliRunner()
BAD_NUMBER = "9990000019"  # CHILD_A with the wrong check digit


def _three(tmp_path, name="rxy.csv"):
    return write_extract(tmp_path / name, [
        row(),
        row(nhs_number=CHILD_B, service="ot", first_contact_date="2024-02-01",
            clock_stop_date="2024-03-01", clock_stop_reason="seen", sex="2"),
        row(nhs_number=BAD_NUMBER, birth_month="2015-03-14", priority="soon"),
    ])


def _every_text_in_the_database() -> str:
    chunks = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            chunks += [str(v) for r in cursor.fetchall() for v in r]
    return "\n".join(chunks)


def test_good_rows_are_stored_and_the_bad_quarantined(tmp_path):
    loaded = load_extract(_three(tmp_path), "886")
    assert (loaded.stored, loaded.quarantined) == (2, 1)
    first, second = Referral.objects.order_by("row")
    assert (first.row, first.service, first.provider_code, first.sex, str(first.birth_month),
            first.clock_stop_date) == (2, "salt", "RXY", "M", "2015-03-01", None)
    assert (second.sex, second.clock_stop_reason, str(second.clock_stop_date)) == \
        ("F", "seen", "2024-03-01")
    assert first.nhs_key.startswith("n:") and first.nhs_key != second.nhs_key
    held = QuarantinedReferral.objects.get()
    assert (held.row, held.codes) == (4, "HR01,HR02,HR06")
    assert held.content["nhs_number"] == "[shape 9999999999, 10 characters]"
    assert held.content["birth_month"] == "[shape 9999-99-99, 10 characters]"
    assert held.content["service"] == "salt"
    assert [(f["column"], f["code"]) for f in held.findings] == [
        ("nhs_number", "HR01"), ("birth_month", "HR02"), ("priority", "HR06")]


def test_no_nhs_number_or_full_birth_date_is_in_any_table(tmp_path):
    load_extract(_three(tmp_path), "886")
    everything = _every_text_in_the_database()
    for secret in (CHILD_A, CHILD_B, BAD_NUMBER, "2015-03-14"):
        assert secret not in everything


def test_the_hash_is_the_same_across_loads_and_spacing(tmp_path):
    load_extract(write_extract(tmp_path / "a.csv", [row()]), "886")
    key = Referral.objects.get().nhs_key
    load_extract(write_extract(tmp_path / "b.csv", [row(nhs_number="999 000 0018")]), "886")
    assert Referral.objects.get().nhs_key == key


def test_loading_the_same_file_again_changes_nothing(tmp_path):
    path = _three(tmp_path)
    load_extract(path, "886")
    before = (list(Referral.objects.values_list()), list(QuarantinedReferral.objects
                                                           .values_list()))
    version = versions.current(["health:referrals"])
    again = load_extract(path, "886")
    assert again.outcome == UNCHANGED
    assert ReferralExtract.objects.count() == 1
    assert (list(Referral.objects.values_list()),
            list(QuarantinedReferral.objects.values_list())) == before
    assert versions.current(["health:referrals"]) == version


def test_a_later_extract_replaces_its_providers_referrals_only(tmp_path):
    load_extract(write_extract(tmp_path / "first.csv", [
        row(), row(nhs_number=CHILD_B, provider_code="RYX")]), "886")
    later = load_extract(write_extract(tmp_path / "second.csv", [
        row(nhs_number=CHILD_C), row(nhs_number=CHILD_A, referral_date="2024-02-01")]), "886")
    assert later.replaced == 1
    held = sorted(Referral.objects.values_list("provider_code", "referral_date"))
    assert [(p, str(d)) for p, d in held] == [
        ("RXY", "2024-01-10"), ("RXY", "2024-02-01"), ("RYX", "2024-01-10")]
    assert Referral.objects.filter(la="886", provider_code="RXY").count() == 2


def test_the_load_is_one_transaction(tmp_path, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(versions, "changed", fail)
    with pytest.raises(RuntimeError):
        load_extract(_three(tmp_path), "886")
    assert (ReferralExtract.objects.count(), Referral.objects.count(),
            QuarantinedReferral.objects.count()) == (0, 0, 0)


def test_a_month_typed_into_a_date_cell_is_that_month(tmp_path):
    from datetime import datetime

    path = write_extract(tmp_path / "rxy.xlsx", [row(birth_month=datetime(2015, 3, 1),
                                                     referral_date=datetime(2024, 1, 10))])
    assert load_extract(path, "886").stored == 1
    held = Referral.objects.get()
    assert (str(held.birth_month), str(held.referral_date)) == ("2015-03-01", "2024-01-10")


def test_xlsx_reads_like_csv(tmp_path):
    path = write_extract(tmp_path / "rxy.xlsx", [row(), row(nhs_number=BAD_NUMBER)])
    loaded = load_extract(path, "886")
    assert (loaded.stored, loaded.quarantined) == (1, 1)


def test_a_file_without_the_columns_is_refused_whole(tmp_path):
    path = write_extract(tmp_path / "odd.csv", [row()], header=("nhs_number", "service"))
    with pytest.raises(ExtractRefused, match="missing column"):
        load_extract(path, "886")
    assert ReferralExtract.objects.count() == 0


def test_the_command_reports_each_finding(tmp_path):
    path = _three(tmp_path)
    result = runner.invoke(app, ["health", "load-referrals", str(path), "--area", "886"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "rxy.csv: 2 referrals stored, 1 rows quarantined (0 held before replaced)"
    assert "  rxy.csv: row 4, nhs_number: [shape 9999999999, 10 characters] is not a valid " \
           "NHS number (10 digits passing Modulus 11) [HR01]" in lines
    assert "  rxy.csv: row 4, priority: [shape aaaa, 4 characters] is not urgent or " \
           "routine [HR06]" in lines
    assert BAD_NUMBER not in result.output
    again = runner.invoke(app, ["health", "load-referrals", str(path), "--area", "886"])
    assert again.output.splitlines()[0] == "rxy.csv: already loaded for 886, unchanged"


def test_the_command_refuses_a_file_that_is_not_an_extract(tmp_path):
    path = tmp_path / "notes.csv"
    path.write_text("hello,world\n1,2\n", encoding="utf-8")
    result = runner.invoke(app, ["health", "load-referrals", str(path), "--area", "886"])
    assert result.exit_code == 1
    assert "notes.csv: refused: not a referral extract: missing column(s)" in result.output
    bad_area = runner.invoke(app, ["health", "load-referrals", str(path), "--area", "Kent"])
    assert bad_area.exit_code == 2


def test_a_column_not_of_the_layout_is_ignored_and_said(tmp_path):
    header = ("patient_name", *COLUMNS)
    path = write_extract(tmp_path / "extra.csv", [row(patient_name="Jane Smith")],
                         header=header)
    loaded = load_extract(path, "886")
    assert (loaded.stored, loaded.ignored) == (1, 1)
    assert str(loaded).endswith("; 1 column(s) not of the layout ignored")
    assert "Jane Smith" not in _every_text_in_the_database()


def test_a_column_named_twice_refuses_the_file(tmp_path):
    path = write_extract(tmp_path / "twice.csv", [row()], header=(*COLUMNS, "service"))
    with pytest.raises(ExtractRefused, match="a column is named twice"):
        load_extract(path, "886")
