"""/health/waits/: every signed-in role sees an ICB's (their area's by default),
region's or England's published waits by service for a month, with the data's
currency, England beside, and the same table as CSV."""

from __future__ import annotations

import csv
import io

import pytest

from sendassure.health.store import load_sitrep
from tests.support.shared import DATA

pytestmark = pytest.mark.django_db
SITREPS = DATA / "nhs" / "community_health_sitrep"
SALT = "(CYP) Therapy interventions: Speech and language"


@pytest.fixture
def june():
    load_sitrep(SITREPS / "community_health_2023-07-01.xlsx")
    load_sitrep(SITREPS / "community_health_2023-08-01.xlsx")


@pytest.mark.parametrize("role", ["administrator", "auditor", "casework"])
def test_the_users_icb_for_the_latest_month_by_default(client_as, june, role):
    page = client_as(role).get("/health/waits/")   # the user's area is Kent (886): QKS
    assert page.status_code == 200
    html = page.content.decode()
    assert "Kent and Medway, June 2023" in html
    assert "Data to 30 Jun 2023, from community_health_2023-08-01.xlsx" in html
    # Table 4!AU34 1,396; 4f!AU34 325; England: Table 4!AU6 72071, 4f 24908 + 4g 4109
    row = next(r for r in html.split("<tr") if SALT in r)
    assert "1,396" in row and ">23.3<" in row and ">40.3<" in row
    assert "(A) Audiology" not in html   # children's services by default


def test_csv_is_the_table_shown(client_as, june):
    client = client_as("analyst")
    response = client.get("/health/waits/?org=Y60&month=2023-06&services=adults&format=csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    audiology = next(r for r in rows if r["service"] == "(A) Audiology")
    assert (audiology["org"], audiology["month"], audiology["total"],
            audiology["weeks_over_52"]) == ("Y60", "2023-06", "3456", "494")  # D9, 4g!D9
    assert all(r["service"].startswith("(A)") for r in rows)


def test_a_month_not_held_is_an_error_not_a_guess(client_as, june):
    page = client_as("analyst").get("/health/waits/?month=2019-01&org=nonsense")
    html = page.content.decode()
    assert "Choose a month from the list" in html and "Choose an organisation" in html
    assert "England, June 2023" in html


def test_no_sitreps_says_how_to_load_them(client_as):
    html = client_as("analyst").get("/health/waits/").content.decode()
    assert "sendassure health load-sitrep" in html


def test_every_signed_in_role_has_it_in_the_navigation(client_as):
    html = client_as("board").get("/").content.decode()
    assert 'href="/health/waits/"' in html and "Health waits" in html
