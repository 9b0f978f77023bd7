"""The outcomes page: the area's published series beside region, England and neighbours,
one series' charts with tables and CSVs, for every role that may see aggregates."""

import pytest
from django.urls import reverse

from sendassure.benchmarks.outcomes.queries import comparison


@pytest.fixture
def outcomes(db):
    from sendassure.benchmarks.outcomes.loading import load_outcomes

    load_outcomes()


def test_board_sees_every_series_beside_england(client_as, outcomes):
    client = client_as("board")
    html = client.get(reverse("outcomes")).content.decode()
    assert "Outcomes and the national picture" in html and "Kent" in html
    latest = next(r for r in reversed(comparison("ks2_rwm_expected", "886"))
                  if r.characteristic == "EHC plan")
    row = html[html.index('data-series="ks2_rwm_expected" data-characteristic="EHC plan"'):]
    row = row[:row.index("</tr>")]
    assert f">{latest.period}<" in row and f">{int(latest.value)}%<" in row
    assert f">{int(latest.england)}<" in row
    for name in ("absence_overall", "tribunal_appeal_rate", "ks4_progress8"):
        assert f'data-series="{name}"' in html


def test_one_series_has_charts_tables_and_csv(client_as, outcomes):
    client = client_as("analyst")
    html = client.get(reverse("outcomes"), {"series": "absence_overall"}).content.decode()
    assert html.count('<figure class="app-figure"') == 4  # EHC plan, SEN support, no SEN, all
    assert "Show the data for this chart" in html and "neighbours range from" in html
    response = client.get(reverse("outcomes"), {"series": "absence_overall",
                                                "figure": "absence_overall-ehc-plan",
                                                "format": "csv"})
    assert response.status_code == 200
    body = response.content.decode()
    first = comparison("absence_overall", "886")[0]
    assert body.splitlines()[0].startswith("Period")
    assert f"{first.period}" in body and f"{first.value}" in body


def test_unknown_series_is_an_error_not_a_crash(client_as, outcomes):
    html = client_as("board").get(reverse("outcomes"), {"series": "nope"}).content.decode()
    assert "Choose a series from the list" in html


def test_no_data_says_how_to_load(client_as, db):
    html = client_as("board").get(reverse("outcomes")).content.decode()
    assert "sendassure outcomes load" in html


def test_sen2_mediation_and_tribunals_beside_the_appeal_rate(client_as, tmp_path):
    from sendassure.ingest.importer import import_sen2

    from ..casework.sen2_builder import person, plan_issued, request, write

    appealed = plan_issued(date="2023-05-01", start="2023-05-01", AssessmentTribunal="1",
                           AssessmentMediation="1")
    people = [person(n, [request(received="2023-01-05", outcome_date="2023-02-01",
                                 assessment=appealed if n <= 2 else plan_issued(
                                     date="2023-05-01", start="2023-05-01"))])
              for n in range(1, 8)]
    import_sen2([write(tmp_path, "area.xml", people, year="2024", reference_date="2024-01-18")])
    html = client_as("analyst").get(reverse("outcomes")).content.decode()
    table = html[html.index('id="redress"'):]
    row = table[table.index(">2023<"):]
    row = row[:row.index("</tr>")]
    # 7 requests received in 2023, 2 with mediation and a tribunal appeal: 28.6%
    assert [c.split("<")[0] for c in row.split('numeric">')[1:]] == [
        "7", "2", "28.6%", "2", "28.6%"]
    board = client_as("board").get(reverse("outcomes")).content.decode()
    row = board[board.index('id="redress"'):]
    row = row[row.index(">2023<"):]
    assert "c" in row[:row.index("</tr>")].split('numeric">')[2]


def _row(html: str, series: str, characteristic: str) -> list[str]:
    row = html[html.index(f'data-series="{series}" data-characteristic="{characteristic}"'):]
    row = row[:row.index("</tr>")]
    return [c.split("</td>")[0].split(">", 1)[1] for c in row.split("<td")[1:]]


def test_each_row_shows_neighbours_gap_and_direction_from_the_comparison(client_as, outcomes):
    from sendassure.benchmarks.outcomes.queries import direction

    html = client_as("board").get(reverse("outcomes")).content.decode()
    rows = comparison("absence_overall", "886")
    latest = next(r for r in reversed(rows) if r.characteristic == "EHC plan")
    assert latest.neighbours_count == 10 and latest.gap is not None
    cells = _row(html, "absence_overall", "EHC plan")
    # period, pupils, Kent, region, England, neighbours' median, range, gap, direction
    assert cells[0] == latest.period and cells[2] == f"{latest.value}%"
    assert cells[5] == f"{latest.neighbours_median}".removesuffix(".0")
    assert cells[6] == (f"{latest.neighbours_low}".removesuffix(".0") + " to "
                        + f"{latest.neighbours_high}".removesuffix(".0"))
    assert cells[7] == f"{latest.gap}".removesuffix(".0")
    assert cells[8] == direction("absence_overall", rows, "EHC plan") != ""


def test_ehc_plans_in_mainstream_and_the_earlier_inspection_are_shown(client_as, outcomes):
    html = client_as("board").get(reverse("outcomes")).content.decode()
    assert _row(html, "ehcp_in_mainstream", "EHC plan")[:5] == [
        "2024/25", "EHC plan", "36.1%", "42.5", "43.6"]  # EES caseload, January 2025
    inspection = html[html.index('data-series="area_send_wsoa"'):]
    assert "not revisited" in inspection[:inspection.index("</tr>")]  # its note
    assert _row(html, "area_send_wsoa", "All")[:3] == ["2019-03-29", "All", "1"]
