"""``sendassure health waits``: an organisation's waits by service for a month, with
the service names as published, the edition's bands only, nulls for missing values,
over 18 weeks derived and its percentage by the project's DfE rule."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime
from decimal import Decimal

import pytest
from typer.testing import CliRunner

from sendassure.cli import app
from sendassure.health.store import load_sitrep
from sendassure.health.waits import derived
from sendassure.kpis.percent import percent
from tests.support.shared import DATA

from .sitrep_files import EIGHT, write_sitrep

pytestmark = pytest.mark.django_db
SITREPS = DATA / "nhs" / "community_health_sitrep"
runner = CliRunner()
SEVEN_KEYS = ["total", "weeks_0_1", "weeks_1_2", "weeks_2_4", "weeks_4_12", "weeks_12_18",
              "weeks_18_52", "weeks_over_52", "over_18_weeks", "pc_over_18_weeks"]


def _json(*args: str) -> dict:
    result = runner.invoke(app, ["health", "waits", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_an_icb_in_the_new_layout():
    load_sitrep(SITREPS / "community_health_2023-08-01.xlsx")
    found = _json("--org", "QKS", "--month", "2023-06", "--format", "json")
    assert (found["org"], found["org_name"], found["month"]) == \
        ("QKS", "Kent and Medway", "2023-06")
    salt = found["services"]["(CYP) Therapy interventions: Speech and language"]
    assert list(salt) == SEVEN_KEYS
    # Table 4!AU34 1396, Table 4f!AU34 325, Table 4g!AU34 0
    assert (salt["total"], salt["weeks_18_52"], salt["weeks_over_52"]) == (1396, 325, 0)
    assert salt["over_18_weeks"] == 325
    assert salt["pc_over_18_weeks"] == float(percent(325, 1396)) == 23.3
    audiology = found["services"]["(A) Audiology"]   # Table 4!D34: not submitted
    assert audiology["total"] is None and audiology["pc_over_18_weeks"] is None


def test_england_in_the_old_layout_keeps_the_published_service_name_and_suppression():
    load_sitrep(SITREPS / "community_health_2023-03-01.xlsx")
    found = _json("--org", "england", "--month", "2023-01")
    assert (found["org"], found["org_name"]) == ("E92000001", "England")
    salt = found["services"]["(CYP) Therapy interventions: speech and language"]
    # Table 4!AV7, 4f!AV7, 4g!AV7
    assert (salt["total"], salt["over_18_weeks"], salt["pc_over_18_weeks"]) == \
        (67774, 20810 + 2980, 35.1)
    safeguarding = found["services"]["(CYP) Safeguarding"]   # total 523, bands '*'
    assert safeguarding["total"] == 523 and safeguarding["weeks_0_1"] is None
    assert len(found["services"]) == 47


def test_the_month_defaults_to_the_latest_held_and_csv_and_table_agree():
    load_sitrep(SITREPS / "community_health_2023-07-01.xlsx")
    load_sitrep(SITREPS / "community_health_2023-08-01.xlsx")
    assert _json("--org", "Y60")["month"] == "2023-06"
    result = runner.invoke(app, ["health", "waits", "--org", "Y60", "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    audiology = next(r for r in rows if r["service"] == "(A) Audiology")
    assert (audiology["org"], audiology["month"], audiology["total"],
            audiology["weeks_over_52"]) == ("Y60", "2023-06", "3456", "494")  # D9, 4g!D9
    table = runner.invoke(app, ["health", "waits", "--org", "Y60", "--format", "table"])
    assert table.exit_code == 0 and "Midlands" in table.stdout


def test_a_provider_without_a_published_code_is_found_by_its_name():
    load_sitrep(SITREPS / "community_health_2023-03-01.xlsx")
    found = _json("--org", "Bolton NHS Foundation Trust", "--month", "2023-01")
    assert found["org"] == "Bolton NHS Foundation Trust"
    assert found["services"]["(CYP) Therapy interventions: speech and language"]["total"] \
        == 104   # Table 4!AV68


def test_2025_bands_are_published_ones_with_over_52_derived(tmp_path):
    load_sitrep(write_sitrep(tmp_path / "s.xlsx", month="April 2025",
                             published=datetime(2025, 6, 12), titles=EIGHT))
    audiology = _json("--org", "QKS", "--month", "2025-04")["services"]["(A) Audiology"]
    assert list(audiology) == ["total", "weeks_0_1", "weeks_1_2", "weeks_2_4", "weeks_4_12",
                               "weeks_12_18", "weeks_18_52", "weeks_over_52",
                               "weeks_52_104", "weeks_over_104", "over_18_weeks",
                               "pc_over_18_weeks"]
    # ICB row 2: band t holds 10 * t + 2
    assert (audiology["weeks_52_104"], audiology["weeks_over_104"]) == (72, 82)
    assert audiology["weeks_over_52"] == 154 and audiology["over_18_weeks"] == 62 + 154
    assert audiology["pc_over_18_weeks"] == float(percent(216, 2))


def test_derived_values_are_null_when_a_part_is_missing():
    bands = ["total", "weeks_18_52", "weeks_over_52"]
    assert derived({"total": 10, "weeks_18_52": None, "weeks_over_52": 1}, bands) == \
        {"total": 10, "weeks_18_52": None, "weeks_over_52": 1, "over_18_weeks": None,
         "pc_over_18_weeks": None}
    assert derived({"total": 0, "weeks_18_52": 0, "weeks_over_52": 0}, bands)[
        "pc_over_18_weeks"] is None
    assert derived({"total": 3, "weeks_18_52": 1, "weeks_over_52": 0}, bands)[
        "pc_over_18_weeks"] == Decimal("33.3")


def test_unknown_org_or_month_is_said_plainly():
    load_sitrep(SITREPS / "community_health_2023-08-01.xlsx")
    nobody = runner.invoke(app, ["health", "waits", "--org", "ZZZ", "--month", "2023-06"])
    assert nobody.exit_code == 1 and "nothing for 'ZZZ'" in nobody.output
    never = runner.invoke(app, ["health", "waits", "--org", "QKS", "--month", "2019-01"])
    assert never.exit_code == 1 and "no sitrep is held for 2019-01" in never.output
    bad = runner.invoke(app, ["health", "waits", "--org", "QKS", "--month", "June"])
    assert bad.exit_code == 2
