"""/health/waits/ over time: for a service (speech and language by default), the
organisation's % over 18 weeks for every month held as an XmR chart, and beside its
region and England, each with its data table and CSV, incomplete months flagged, gaps
kept, the data's end said; the health role's scoping as for the month's table."""

from __future__ import annotations

import csv
import io
from datetime import datetime

import pytest

from sendassure.health.store import load_sitrep
from tests.support.shared import DATA

from .sitrep_files import write_sitrep
from .test_waits_over_time import ENGLAND, ICB, REGION, _cells

pytestmark = pytest.mark.django_db
SITREPS = DATA / "nhs" / "community_health_sitrep"
SALT = "(CYP) Therapy interventions: Speech and language"


def _csv(response) -> list[dict]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.content.decode())))


@pytest.fixture
def may_and_june():
    load_sitrep(SITREPS / "community_health_2023-07-01.xlsx")   # May 2023
    load_sitrep(SITREPS / "community_health_2023-08-01.xlsx")   # June 2023


def test_kent_and_medway_beside_its_region_and_england_from_the_published_files(
        client_as, may_and_june):
    client = client_as("board")
    html = client.get("/health/waits/").content.decode()
    assert f"Kent and Medway over time: {SALT}" in html
    assert 'id="waits-spc"' in html and 'id="waits-trend"' in html
    rows = _csv(client.get("/health/waits/?org=QKS&figure=waits-trend&format=csv"))
    assert [r["Month"] for r in rows] == ["May 2023", "Jun 2023"]
    june = rows[-1]
    # June: Table 4!AU34 1,396 waiting; 4f!AU34 325 (18-52) + 4g 0 over 52: 23.3%;
    # England 4!AU6 72,071, 4f 24,908 + 4g 4,109: 40.3%
    assert (june["Kent and Medway (%)"], june["England (%)"]) == ("23.3", "40.3")
    assert (june["Kent and Medway: waiting"], june["Kent and Medway: over 18 weeks"]) == \
        ("1396", "325")
    assert june["South East (%)"] != ""
    spc = _csv(client.get("/health/waits/?org=QKS&figure=waits-spc&format=csv"))
    assert [(r["Period"], r["Value (%)"]) for r in spc][-1] == ("Jun 2023", "23.3")


def test_each_figure_says_when_its_data_ends(client_as, may_and_june):
    client = client_as("analyst")
    html = client.get("/health/waits/?org=QKS").content.decode()
    assert html.count("Data to 30 Jun 2023, from community_health_2023-08-01.xlsx") >= 3
    response = client.get("/health/waits/?org=QKS&figure=waits-spc&format=csv")
    assert response["X-Data-To"] == "2023-06-30"
    assert "data-to-2023-06-30" in response["Content-Disposition"]


def test_another_service_is_chosen_and_a_wrong_one_is_an_error(client_as, may_and_june):
    client = client_as("analyst")
    html = client.get("/health/waits/?org=QKS&service=(CYP) Audiology").content.decode()
    assert "Kent and Medway over time: (CYP) Audiology" in html
    html = client.get("/health/waits/?org=QKS&service=Astrology").content.decode()
    assert "Choose a service from the list" in html
    assert client.get("/health/waits/?figure=nonsense&format=csv").status_code == 404


def test_gaps_incomplete_and_suppressed_months_in_the_tables(client_as, tmp_path):
    load_sitrep(write_sitrep(tmp_path / "april.xlsx", month="April 2023",
                             published=datetime(2023, 6, 8),
                             cells={**_cells(ICB, 200, 30, 10), **_cells(ENGLAND, 1000, 300, 100),
                                    **_cells(REGION, 400, 40, 0)},
                             non_submitters=((0, 0, 0), (0, 0, 0))))
    load_sitrep(write_sitrep(tmp_path / "june.xlsx", cells={
        **_cells(ICB, 250, "*", 5), **_cells(ENGLAND, 900, 270, 0), **_cells(REGION, 50, 5, 0)},
        non_submitters=((0, 0, 3), (0, 0, 1), (0, 0, 1))))
    client = client_as("analyst")
    rows = _csv(client.get("/health/waits/?org=QKS&figure=waits-trend&format=csv"))
    assert [r["Month"] for r in rows] == ["Apr 2023", "May 2023", "Jun 2023"]
    april, may, june = rows
    assert (april["Kent and Medway (%)"], april["South East (%)"], april["England (%)"]) == \
        ("20", "10", "40")
    assert (may["Kent and Medway (%)"], may["England (%)"]) == ("", "")   # a gap, not 0
    assert may["Kent and Medway: completeness"] == "Missing: no sitrep held"
    assert june["Kent and Medway (%)"] == "" and june["Kent and Medway: waiting"] == "250"
    assert june["Kent and Medway: completeness"] == \
        "Missing: suppressed; Incomplete: 1 provider did not submit"
    assert june["England: completeness"] == "Incomplete: 3 providers did not submit"
    assert june["England (%)"] == "30"
    spc = _csv(client.get("/health/waits/?org=QKS&figure=waits-spc&format=csv"))
    assert [(r["Period"], r["Value (%)"], r["Waiting"]) for r in spc] == \
        [("Apr 2023", "20", "200")]   # only months with a value are charted
    html = client.get("/health/waits/?org=QKS").content.decode()
    assert "Not charted (no value): May 2023 (no sitrep held); Jun 2023 (suppressed)." in html


def test_the_health_role_sees_only_its_icbs_over_time(client_as, may_and_june):
    client = client_as("health")
    assert client.get("/health/waits/?org=QKK&figure=waits-spc&format=csv").status_code == 403
    rows = _csv(client.get("/health/waits/?org=QKS&figure=waits-trend&format=csv"))
    assert "Kent and Medway (%)" in rows[0]
