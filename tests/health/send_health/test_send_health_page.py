"""/health/send/: the SEND x health tables for one of the user's areas on the latest date
in its referral extracts, from the figures service: exact for casework roles and for the
health role inside its ICBs, disclosure-controlled for every other role; each table as
CSV. Figures worked by hand in ``cases.py`` (as at 2024-07-05, the data's end)."""

from __future__ import annotations

import csv
import io

import pytest

from sendassure.core.audit import AuditEvent
from sendassure.health.referrals.store import load_extract
from sendassure.health.send_health.identifiers import load_identifiers

from ..referrals.extracts import write_extract
from .cases import PAIRS, REFERRALS, make_cases, write_identifiers

pytestmark = pytest.mark.django_db
URL = "/health/send/"


@pytest.fixture
def loaded(tmp_path):
    make_cases()
    load_extract(write_extract(tmp_path / "rxy.csv", REFERRALS), "886")
    load_identifiers(write_identifiers(tmp_path / "ids.csv", PAIRS), "886")


def _row(html: str, label: str) -> str:
    """The table row whose header cell is ``label``, its tags stripped to cell texts."""
    import re

    row = next(r for r in html.split("<tr") if f">{label}</th>" in r)
    return " | ".join(t.strip() for t in re.findall(r">([^<>]*)</t[dh]>", row))


def _csv(client, table: str) -> list[list[str]]:
    response = client.get(f"{URL}?area=886&format=csv&table={table}")
    assert response.status_code == 200
    assert response["X-Data-To"] == "2024-07-05"
    assert "data-to-2024-07-05" in response["Content-Disposition"]
    return list(csv.reader(io.StringIO(response.content.decode())))


@pytest.mark.parametrize("role", ["analyst", "casework", "administrator", "health"])
def test_casework_and_health_roles_see_the_counts_as_computed(client_as, loaded, role):
    html = client_as(role).get(URL).content.decode()
    assert "Data to 5 Jul 2024, from providers&#39; referral extracts" in html
    # on 2024-07-05: A's physio referral stopped that day; A waits 131 days for salt, B 132,
    # E 370 for camhs; A's audiology referral (2024-07-02) 3 days
    assert _row(html, "Children with an EHC plan or open assessment waiting for health "
                      "services") == "Children with an EHC plan or open assessment waiting "\
        "for health services | 3"
    assert _row(html, "Speech and language therapy").endswith("| 2 | 0 | 2 | 0")
    assert _row(html, "Audiology").endswith("| 1 | 1 | 0 | 0")
    assert _row(html, "Children and young people&#39;s mental health services").endswith(
        "| 1 | 0 | 0 | 1")
    # regulation 8 on 2024-07-05: 6 requested; within: 42 days, and 32 (returned
    # 2024-07-03); later: 43 days; overdue: 2024-05-18 and 2024-05-19 (47 days); not yet
    # due: 2024-07-01; 2 of 5 decided
    assert _row(html, "% of EHC health advice returned within 6 weeks").endswith("| 40.0%")
    # wheelchair: 126 days within, 127 not, 2024-03-01 to 2024-07-01 (122) within: 2 of 3
    assert _row(html, "Wheelchair equipment within 18 weeks") == \
        "Wheelchair equipment within 18 weeks | 3 | 2 | 66.7% | 92.0% | No"
    assert "counts of 1 to 4" not in html


@pytest.mark.parametrize("role", ["board", "forum", "reviewer", "auditor"])
def test_every_other_role_sees_them_controlled(client_as, loaded, role):
    client = client_as(role)
    html = client.get(URL).content.decode()
    assert "counts of 1 to 4, and any figure that would give one away" in html
    assert _row(html, "Speech and language therapy").endswith("| c | 0 | c | 0")
    assert _row(html, "EHC health advice requests") == "EHC health advice requests | 6"
    assert _row(html, "Wheelchair equipment within 18 weeks") == \
        "Wheelchair equipment within 18 weeks | c | c | c | 92.0% | Not known"
    rows = _csv(client, "by-service")
    assert ["Speech and language therapy", "c", "0", "c", "0"] in rows


def test_the_csv_holds_the_tables_cells(client_as, loaded):
    client = client_as("analyst")
    assert _csv(client, "standards") == [
        ["Standard", "Completed", "Within the standard's weeks", "% within", "Standard",
         "Meets the standard"],
        ["Wheelchair equipment within 18 weeks", "3", "2", "66.7%", "92.0%", "No"],
        # 91, 92 and 91 days
        ["Autism assessment first appointment within 13 weeks", "3", "2", "66.7%", "None",
         "No national standard"]]
    assert client.get(f"{URL}?format=csv&table=nonsense").status_code == 404


def test_reading_the_page_lists_no_child_and_is_not_audited(client_as, loaded):
    html = client_as("analyst").get(URL).content.decode()
    assert "9990000018" not in html and "J886000000001" not in html
    assert not AuditEvent.objects.filter(object_type="SendHealth").exists()


def test_the_health_role_sees_areas_in_its_icb_only(client_as, make_user, loaded, client):
    health = client_as("health")   # area 886: Kent and Medway ICB (QKS)
    assert health.get(f"{URL}?area=887").status_code == 200   # Medway: also QKS
    refused = health.get(f"{URL}?area=201")   # City of London: North East London ICB
    assert refused.status_code == 403
    assert health.get(f"{URL}?area=201&format=csv&table=standards").status_code == 403
    # and a health user for another ICB's area is refused Kent's
    client.force_login(make_user("health", "london-health", areas=("201",)))
    assert client.get(f"{URL}?area=886").status_code == 403


def test_another_role_asking_for_an_area_not_theirs_is_told(client_as, loaded):
    html = client_as("board").get(f"{URL}?area=201").content.decode()
    assert "Choose one of your areas" in html and "Error: " in html
    assert "Data to 5 Jul 2024" in html   # their own area's figures instead


def test_without_an_identifiers_file_the_page_says_so(client_as, tmp_path):
    make_cases()
    load_extract(write_extract(tmp_path / "rxy.csv", REFERRALS), "886")
    html = client_as("analyst").get(URL).content.decode()
    assert "No identifiers file is held for this area" in html
    assert 'id="ehc-advice"' in html and 'id="by-service"' not in html


def test_an_area_without_extracts(client_as):
    html = client_as("board").get(URL).content.decode()
    assert "No providers' referral extracts are held for this area yet" in html


def test_linked_from_the_waits_and_autism_pages(client_as):
    client = client_as("board")
    for page in ("/health/waits/", "/health/autism/"):
        assert 'href="/health/send/"' in client.get(page).content.decode()
