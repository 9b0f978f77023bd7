"""/health/autism/: an ICB's (the user's area's by default) ASD16c, ASD19 and ASD19c
month by month with England beside, the same as CSV."""

from __future__ import annotations

import csv
import io

import pytest

from sendassure.autism.store import load_autism_statistics
from tests.support.shared import DATA

pytestmark = pytest.mark.django_db
REAL = DATA / "nhs" / "autism_statistics" / "AutismStatsDec22_subICB.csv.gz"


@pytest.fixture
def loaded():
    load_autism_statistics(REAL)


@pytest.mark.parametrize("role", ["analyst", "board", "health"])
def test_the_users_icb_by_default_with_england_beside(client_as, loaded, role):
    page = client_as(role).get("/health/autism/")   # Kent (886): Kent and Medway, QKS
    assert page.status_code == 200
    html = page.content.decode()
    assert "NHS Kent and Medway Integrated Care Board" in html
    assert "Data to 30 Sep 2022, from NHS England Autism Statistics" in html
    row = next(r for r in html.split("<tr") if "September 2022" in r)
    assert ">10,395<" in row and ">1.4<" in row   # 91Q: ASD16c; 145 / 10690
    assert "105,595" in html   # England ASD16a, July 2022: every location summed


def test_csv_is_the_figures_shown(client_as, loaded):
    response = client_as("analyst").get("/health/autism/?org=QH8&format=csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    asd16c = next(r for r in rows if r["month"] == "2022-07" and r["metric"] == "ASD16c")
    assert (asd16c["org"], asd16c["value"], asd16c["left_out"]) == ("QH8", "35", "1")
    asd18c = next(r for r in rows if r["month"] == "2022-07" and r["metric"] == "ASD18c")
    assert (asd18c["value"], asd18c["missing"]) == ("", "suppressed")


def test_an_organisation_not_held_is_an_error_not_a_guess(client_as, loaded):
    html = client_as("analyst").get("/health/autism/?org=nonsense").content.decode()
    assert "Choose an organisation from the list" in html
    assert "<h2 class=\"govuk-heading-m\">England</h2>" in html


def test_nothing_loaded_says_how_to_load_it(client_as):
    html = client_as("analyst").get("/health/autism/").content.decode()
    assert "sendassure health load-autism" in html
