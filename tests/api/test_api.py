"""The JSON API: tokens, the figures contract, roles, areas and disclosure control."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from sendassure.cli import app
from sendassure.ingest.importer import import_sen2

from ..casework.sen2_builder import person, plan_issued, request, write

pytestmark = pytest.mark.django_db
runner = CliRunner()
KEYS = {"measure", "area", "period", "as_of", "value", "numerator", "denominator", "status"}


@pytest.fixture
def area(tmp_path):
    """Seven plans issued in 2024 from requests of 10 January; three within 20 weeks."""
    people = [person(n, [request(received="2024-01-10", outcome_date="2024-02-01",
                                 assessment=plan_issued(date=issued, start=issued))])
              for n, issued in enumerate(["2024-05-01", "2024-05-10", "2024-05-15",
                                          "2024-08-01", "2024-09-01", "2024-10-01",
                                          "2024-11-01"], start=1)]
    assert import_sen2([write(tmp_path, "a.xml", people)]).status == "stored"


def token_for(make_user, role: str, areas=("886",)) -> str:
    user = make_user(role, username=f"{role}-api", areas=areas)
    result = runner.invoke(app, ["tokens", "add", user.username])
    assert result.exit_code == 0, result.output
    return result.output.strip()


def get(client, token, path, **query):
    return client.get(path, query, HTTP_AUTHORIZATION=f"Bearer {token}")


def test_a_token_signs_in_and_revoking_it_ends_it(client, make_user, area):
    token = token_for(make_user, "analyst")
    assert token.startswith("sa_") and len(token) > 40
    assert get(client, token, "/api/v1/measures").status_code == 200
    assert runner.invoke(app, ["tokens", "revoke", "analyst-api"]).exit_code == 0
    refused = get(client, token, "/api/v1/measures")
    assert refused.status_code == 401 and "revoked" in refused.json()["error"]
    assert client.get("/api/v1/measures").status_code == 401  # no token at all
    from sendassure.core.models import ApiToken

    assert not ApiToken.objects.filter(digest=token).exists()  # only a digest is kept


def test_the_figure_contract(client, make_user, area):
    token = token_for(make_user, "analyst")
    response = get(client, token, "/api/v1/figures", measure="pc_plans_issued_within_20_weeks",
                   area="886", year="2024")
    body = response.json()
    assert set(body) == KEYS
    # 10 Jan -> 1, 10, 15 May: 112, 121, 126 days within 20 weeks: 3 of 7 = 42.857 -> 42.9
    assert body == {"measure": "pc_plans_issued_within_20_weeks", "area": "886",
                    "period": "2024", "as_of": "2025-01-16", "value": 42.9, "numerator": 3,
                    "denominator": 7, "status": "final"}
    assert response["X-Data-To"] == "2025-01-16"  # the data's end: the return's census day
    partial = get(client, token, "/api/v1/figures", measure="plans_issued_den", area="886",
                  period="2025").json()
    assert partial["status"] == "partial"


def test_a_figure_says_what_validation_problems_hold_back(client, make_user, tmp_path):
    # one plan issued before its request was received (SEN2-3005: out of timeliness),
    # one request reported twice (SEN2-2013: the second quarantined whole), one clean
    people = [person(1, [request(received="2024-06-01", outcome_date="2024-06-10",
                                 assessment=plan_issued(date="2024-05-01"))]),
              person(2, [request(), request()]), person(3)]
    assert import_sen2([write(tmp_path, "w.xml", people)]).status == "stored"
    token = token_for(make_user, "analyst")
    body = get(client, token, "/api/v1/figures", measure="plans_issued_den", area="886",
               year="2024", withheld="1").json()
    assert body["value"] == 2  # persons 2 and 3
    assert body["withheld"] == {"excluded": 1, "quarantined": 1,
                                "excluded_by_rule": {"SEN2-3005": 1},
                                "quarantined_by_rule": {"SEN2-2013": 1}}
    decided = get(client, token, "/api/v1/figures", measure="requests_received", area="886",
                  year="2024", withheld="1").json()
    assert decided["value"] == 3  # the barred request still counts as received
    assert decided["withheld"]["excluded"] == 0 and decided["withheld"]["quarantined"] == 1
    board = get(client, token_for(make_user, "board"), "/api/v1/figures",
                measure="plans_issued_den", area="886", year="2024", withheld="1").json()
    assert board["withheld"]["excluded"] == "c" and board["withheld"]["quarantined"] == "c"
    plain = get(client, token, "/api/v1/figures", measure="plans_issued_den", area="886",
                year="2024").json()
    assert set(plain) == KEYS  # the contract is unchanged unless asked


def test_aggregate_roles_get_controlled_figures_at_published_dates(client, make_user, area):
    token = token_for(make_user, "board")
    body = get(client, token, "/api/v1/figures", measure="pc_plans_issued_within_20_weeks",
               area="886", year="2024", as_of="2024-12-30").json()
    # 3 is a count from 1 to 4: the rate and its numerator are "c"; 30 December is no
    # published date, so the figures are as known on 30 November (the month end before)
    assert body["value"] == "c" and body["numerator"] == "c" and body["denominator"] == 7
    assert body["as_of"] == "2024-11-30"


def test_areas_and_parameters_are_checked(client, make_user, area):
    token = token_for(make_user, "analyst")
    other = get(client, token, "/api/v1/figures", measure="plans_issued_den", area="201",
                year="2024")
    assert other.status_code == 403 and "not one of your areas" in other.json()["error"]
    for query, message in [
        ({"measure": "happiness", "area": "886", "year": "2024"}, "not a registered"),
        ({"measure": "plans_issued_den", "area": "886"}, "either year"),
        ({"measure": "plans_issued_den", "area": "886", "year": "2024", "as_of": "9999-12-31"},
         "between 1990 and 2100"),
        ({"measure": "plans_issued_den", "area": "886", "period": "2024-13"}, "real date"),
        ({"measure": "plans_issued_den", "area": "886", "year": "2024",
          "breakdown": "shoe_size=9"}, "cannot be broken down"),
        ({"measure": "plans_issued_den", "area": "886", "period": "2024-12-31"},
         "not on one day"),
    ]:
        response = get(client, token, "/api/v1/figures", **query)
        assert response.status_code == 400 and message in response.json()["error"], query


def test_a_series_gives_each_period_with_its_counts(client, make_user, area):
    token = token_for(make_user, "analyst")
    body = get(client, token, "/api/v1/series", measure="pc_plans_issued_within_20_weeks",
               area="886", kind="quarter", **{"from": "2024-01-01", "to": "2024-12-31"}).json()
    assert [(p["period"], p["value"], p["numerator"], p["denominator"])
            for p in body["points"]] == [("2024-Q1", None, 0, 0), ("2024-Q2", 100.0, 3, 3),
                                         ("2024-Q3", 0.0, 0, 2), ("2024-Q4", 0.0, 0, 2)]


def test_measures_and_plans(client, make_user, area):
    from ..core.test_url_roles import sample_plan

    sample_plan()
    token = token_for(make_user, "forum")
    names = {m["name"] for m in get(client, token, "/api/v1/measures").json()}
    assert {"pc_plans_issued_within_20_weeks", "open_over_52_weeks", "ehcplans"} <= names
    plans = get(client, token, "/api/v1/plans").json()
    assert plans[0]["areas"][0]["rating"] == "amber" and plans[0]["open_evidence_requests"] == 1
