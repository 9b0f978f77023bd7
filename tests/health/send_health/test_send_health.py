"""SEND x health (issue 12, item 6): the identifiers file (validated, refused whole with
each bad row's shape, idempotent, replaced by a newer file, never stored in clear) and
the figures built on it, every one worked by hand in ``cases.py``."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from django.db import connection
from typer.testing import CliRunner

from sendassure.cli import app
from sendassure.core.audit import AuditEvent
from sendassure.health.identifier_models import IdentifierPair, IdentifiersFile
from sendassure.health.referrals.store import load_extract
from sendassure.health.send_health.figures import send_health
from sendassure.health.send_health.identifiers import (
    UNCHANGED,
    IdentifiersRefused,
    load_identifiers,
)

from ..referrals.extracts import CHILD_A, CHILD_B, write_extract
from .cases import (
    AS_OF,
    CHILD_E,
    PAIRS,
    REFERRALS,
    UPN_1,
    UPN_2,
    make_cases,
    write_identifiers,
)

pytestmark = pytest.mark.django_db
runner = CliRunner()


@pytest.fixture
def loaded(tmp_path):
    make_cases()
    assert load_extract(write_extract(tmp_path / "rxy.csv", REFERRALS), "886").quarantined == 0
    load_identifiers(write_identifiers(tmp_path / "ids.csv", PAIRS), "886")


def _every_text_in_the_database() -> str:
    chunks = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            chunks += [str(v) for r in cursor.fetchall() for v in r]
    return "\n".join(chunks)


# ------------------------------------------------------------------ identifiers file

def test_pairs_are_stored_as_keyed_hashes_only(tmp_path):
    done = load_identifiers(write_identifiers(tmp_path / "ids.csv", PAIRS + PAIRS[:1]), "886")
    assert (done.pairs, done.replaced) == (5, 0)  # the repeated pair is kept once
    pair = IdentifierPair.objects.order_by("id").first()
    assert pair.upn_key.startswith("u:") and pair.nhs_key.startswith("n:")
    text = _every_text_in_the_database()
    for upn, nhs in PAIRS:
        assert upn not in text and nhs not in text


def test_the_same_file_again_changes_nothing_and_a_newer_one_replaces(tmp_path):
    path = write_identifiers(tmp_path / "ids.csv", PAIRS)
    load_identifiers(path, "886")
    keys = set(IdentifierPair.objects.values_list("upn_key", "nhs_key"))
    assert load_identifiers(path, "886").outcome == UNCHANGED
    assert set(IdentifierPair.objects.values_list("upn_key", "nhs_key")) == keys
    newer = load_identifiers(write_identifiers(tmp_path / "ids2.csv", PAIRS[:2]), "886")
    assert (newer.pairs, newer.replaced) == (2, 5)
    assert IdentifierPair.objects.count() == 2 and IdentifiersFile.objects.count() == 1
    load_identifiers(write_identifiers(tmp_path / "other.csv", PAIRS[:1]), "201")
    assert IdentifierPair.objects.filter(la="886").count() == 2  # another area's own


def test_a_file_with_bad_rows_is_refused_whole_with_each_shape(tmp_path):
    load_identifiers(write_identifiers(tmp_path / "ids.csv", PAIRS), "886")
    bad = write_identifiers(tmp_path / "bad.csv", [
        (UPN_1, CHILD_A),
        ("A886000000001", CHILD_B),  # wrong check letter (J is right)
        (UPN_2, "9990000019"),  # fails Modulus 11
        (UPN_1, CHILD_E),  # UPN_1 given a second NHS number
        ("Q886000000005", CHILD_A),  # CHILD_A given a second UPN
    ])
    with pytest.raises(IdentifiersRefused) as refused:
        load_identifiers(bad, "886")
    assert [str(f) for f in refused.value.findings] == [
        "bad.csv row 3, upn [shape A999999999999, 13 characters]: ID01 a UPN with its "
        "check letter (13 characters, letter first)",
        "bad.csv row 4, nhs_number [shape 9999999999, 10 characters]: ID02 a valid NHS "
        "number (10 digits, Modulus 11 check digit)",
        "bad.csv row 5, nhs_number [shape 9999999999, 10 characters]: ID03 one NHS number "
        "per UPN and one UPN per NHS number",
        "bad.csv row 6, upn [shape A999999999999, 13 characters]: ID03 one NHS number per "
        "UPN and one UPN per NHS number"]
    assert IdentifierPair.objects.count() == 5  # nothing changed


def test_a_file_without_the_columns_is_refused(tmp_path):
    path = write_identifiers(tmp_path / "ids.csv", [(UPN_1,)], header=("upn",))
    with pytest.raises(IdentifiersRefused, match="missing column.s. nhs_number"):
        load_identifiers(path, "886")


def test_the_cli_reports_findings_without_identifiers(tmp_path):
    bad = write_identifiers(tmp_path / "bad.csv", [(UPN_1, "9990000019")])
    result = runner.invoke(app, ["health", "load-identifiers", str(bad), "--area", "886"])
    assert result.exit_code == 1
    assert "row 2, nhs_number [shape 9999999999, 10 characters]: ID02" in result.output
    assert "9990000019" not in result.output and UPN_1 not in result.output
    good = write_identifiers(tmp_path / "ids.csv", PAIRS)
    result = runner.invoke(app, ["health", "load-identifiers", str(good), "--area", "886"])
    assert result.exit_code == 0 and "5 UPN/NHS number pairs" in result.output
    assert AuditEvent.objects.filter(object_type="IdentifiersFile").count() == 1


# ------------------------------------------------------------------ figures

def test_children_with_plans_or_open_assessments_waiting_by_service_and_band(loaded):
    found = send_health("886", AS_OF).waiting
    # on 2024-06-30: plans 1, 5, 6 (4 ceased 2024-05-01), assessment open 2 (3 refused)
    assert {k: found[k] for k in ("send_children", "ehc_plan", "open_assessment",
                                  "linked", "waiting")} == {
        "send_children": 4, "ehc_plan": 3, "open_assessment": 1, "linked": 3,
        "waiting": 3}  # A (plan), B (assessment), E (plan); C and D are neither
    zero = {"weeks_0_18": 0, "weeks_18_52": 0, "weeks_over_52": 0}
    assert found["services"] == {
        # A 126 days (0-18), B 127 (18-52)
        "salt": {**zero, "total": 2, "ehc_plan": 1, "open_assessment": 1,
                 "weeks_0_18": 1, "weeks_18_52": 1},
        # E at two providers: once, by the 365-day wait
        "camhs": {**zero, "total": 1, "ehc_plan": 1, "open_assessment": 0,
                  "weeks_over_52": 1},
        # A's physio referral (29 days) stops after as_of; ot stopped on it; audiology later
        "physio": {**zero, "total": 1, "ehc_plan": 1, "open_assessment": 0,
                   "weeks_0_18": 1}}


def test_without_identifiers_no_join_is_made(tmp_path):
    make_cases()
    load_extract(write_extract(tmp_path / "rxy.csv", REFERRALS), "886")
    found = send_health("886", AS_OF)
    assert found.waiting is None and found.ehc_advice["requested"] == 5


def test_health_advice_within_six_weeks(loaded):
    assert send_health("886", AS_OF).ehc_advice == {
        "requested": 5,  # the one requested 2024-07-01 is after as_of
        "returned_within_6_weeks": 1,  # 42 days
        "returned_later": 1,  # 43 days
        "not_yet_returned": 3,  # 42 and 43 days waiting; returned 2024-07-03
        "not_yet_returned_overdue": 1,  # 43 days waiting
        "denominator": 3,  # 1 + 1 + 1 decided
        "pc_within_6_weeks": Decimal("33.3")}  # 1 / 3 * 100 = 33.33...


def test_wheelchair_and_autism_standards(loaded):
    found = send_health("886", AS_OF).standards
    wheelchair = found["wheelchair_within_18_weeks"]
    # 126 days within, 127 not; open and stopped after as_of not counted
    assert (wheelchair["count"], wheelchair["denominator"], wheelchair["pc"],
            wheelchair["standard_pc"], wheelchair["meets_standard"]) == \
        (1, 2, Decimal("50.0"), Decimal("92.0"), False)
    autism = found["autism_first_appointment_within_13_weeks"]
    # 91, 92 and 91 days: 2 of 3 = 66.66... -> 66.7
    assert (autism["count"], autism["denominator"], autism["pc"]) == (2, 3, Decimal("66.7"))


def test_the_cli_defaults_to_the_latest_date_in_the_data_and_is_audited(loaded):
    result = runner.invoke(app, ["health", "send-health", "--area", "886", "--format",
                                 "json"])
    assert result.exit_code == 0, result.output
    printed = json.loads(result.output)
    assert printed["as_of"] == "2024-07-05"  # A's physio clock stop, the latest date
    # on 2024-07-05 that referral has stopped; audiology (2024-07-02) waits 3 days
    assert printed["waiting"]["services"]["audiology"]["weeks_0_18"] == 1
    assert "physio" not in printed["waiting"]["services"]
    assert printed["standards"]["wheelchair_within_18_weeks"]["denominator"] == 3
    assert AuditEvent.objects.filter(object_type="SendHealth", object_id="886").count() == 1
    for output in ("table", "csv"):
        shown = runner.invoke(app, ["health", "send-health", "--area", "886", "--as-of",
                                    "2024-06-30", "--format", output])
        assert shown.exit_code == 0, shown.output
        assert "33.3" in shown.output and CHILD_A not in shown.output
    csv_out = runner.invoke(app, ["health", "send-health", "--area", "886", "--as-of",
                                  "2024-06-30", "--format", "csv"]).output
    assert "waiting:salt,weeks_18_52,1" in csv_out
    assert "wheelchair_within_18_weeks,pc,50.0" in csv_out


# ------------------------------------------------------------------ the priority's EHC part

def _ehc_parts(referrals, as_of):
    from sendassure.health.priority import Weights, score

    return {(r.service, r.referral_date.isoformat(), r.provider_code):
            (score(r, as_of, Weights()).part("ehc").points,
             score(r, as_of, Weights()).part("ehc").basis) for r in referrals}


def test_with_identifiers_the_priority_uses_the_sen2_join(loaded):
    from sendassure.health.priority.queries import open_referrals, reference_date

    as_of = reference_date("886")
    assert as_of.isoformat() == "2024-07-02"  # the latest referral date
    found = _ehc_parts(open_referrals("886"), as_of)
    plan, assessing, neither = ((15.0, "EHC plan (identifiers file)"),
                                (15.0, "open EHC needs assessment (identifiers file)"),
                                (0.0, "no EHC plan or open assessment (identifiers file)"))
    assert found[("salt", "2024-02-25", "RXY")] == plan  # child 1
    assert found[("salt", "2024-02-24", "RXY")] == assessing  # child 2
    assert found[("salt", "2023-01-01", "RXY")] == neither  # child 3: refused
    assert found[("salt", "2024-01-01", "RXY")] == neither  # child 4: plan ceased
    assert found[("camhs", "2023-07-01", "RAT")] == plan  # child 5
    # advice was requested for CHILD_F, but the identifiers file does not link them
    assert found[("physio", "2024-02-01", "RXY")] == neither


def test_without_identifiers_the_priority_falls_back_to_advice_requested(tmp_path):
    from sendassure.health.priority.queries import open_referrals, reference_date

    make_cases()
    load_extract(write_extract(tmp_path / "rxy.csv", REFERRALS), "886")
    found = _ehc_parts(open_referrals("886"), reference_date("886"))
    assert found[("salt", "2024-02-25", "RXY")] == (0.0, "no EHC advice requested")
    assert found[("physio", "2024-02-01", "RXY")] == (15.0, "EHC advice requested 2024-05-18")
