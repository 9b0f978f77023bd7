"""A user in the health role sees health data only for their areas' ICBs (with their
NHS England regions and England beside), on the sitrep waits page and the autism page;
another ICB's data asked for by URL is refused. Other roles see every organisation's
published statistics."""

from __future__ import annotations

import pytest

from sendassure.autism.store import load_autism_statistics
from sendassure.health.access import visible_organisations
from sendassure.health.store import load_sitrep
from tests.support.shared import DATA

pytestmark = pytest.mark.django_db
SITREP = DATA / "nhs" / "community_health_sitrep" / "community_health_2023-08-01.xlsx"
AUTISM = DATA / "nhs" / "autism_statistics" / "AutismStatsDec22_subICB.csv.gz"


@pytest.fixture
def health_data():
    load_sitrep(SITREP)
    load_autism_statistics(AUTISM)


def test_a_health_user_may_see_their_areas_icbs_regions_and_england(make_user):
    kent = make_user("health")   # 886: Kent and Medway ICB (QKS), South East (Y59)
    assert visible_organisations(kent) == {"england", "E92000001", "QKS", "Y59"}
    essex = make_user("health", "essex-health", areas=("881",))   # three ICBs
    assert {"QH8", "QJG", "QM7"} <= visible_organisations(essex)
    assert visible_organisations(make_user("analyst")) is None


@pytest.mark.parametrize("url", ["/health/waits/?org=QKS", "/health/waits/?org=Y59",
                                 "/health/waits/?org=england", "/health/autism/?org=QKS",
                                 "/health/autism/?org=england"])
def test_a_health_user_sees_their_icb_and_england(client_as, health_data, url):
    assert client_as("health").get(url).status_code == 200


@pytest.mark.parametrize("url", ["/health/waits/?org=QH8", "/health/waits/?org=Y61",
                                 "/health/waits/?org=QH8&format=csv",
                                 "/health/autism/?org=QH8",
                                 "/health/autism/?org=QH8&format=csv"])
def test_another_icbs_data_by_url_is_refused(client_as, health_data, url):
    response = client_as("health").get(url)
    assert response.status_code == 403
    assert b"Mid and South Essex" not in response.content


def test_the_health_users_lists_offer_only_their_organisations(client_as, health_data):
    client = client_as("health")
    waits = client.get("/health/waits/").content.decode()
    assert 'value="QKS"' in waits and 'value="Y59"' in waits
    assert 'value="QH8"' not in waits and 'value="Y61"' not in waits
    autism = client.get("/health/autism/").content.decode()
    assert 'value="QKS"' in autism and 'value="QH8"' not in autism


@pytest.mark.parametrize("role", ["analyst", "board"])
def test_other_roles_see_every_organisations_published_statistics(client_as, health_data,
                                                                  role):
    client = client_as(role)
    assert client.get("/health/waits/?org=QH8").status_code == 200
    assert "Mid and South Essex" in client.get("/health/autism/?org=QH8").content.decode()
