"""/health/referrals/: the extracts loaded for the user's areas with their counts, and an
extract's findings (file, row, column, the value's shape, rule, message) as a page and a
formula-safe CSV: never a value as given, never cached, each view audited; the health
role and analysts only, each in their own areas."""

from __future__ import annotations

import csv
import io

import pytest

from sendassure.core.models import AuditEvent
from sendassure.health.referral_models import ReferralExtract
from sendassure.health.referrals.quarantine import shape_only
from sendassure.health.referrals.store import load_extract

from .extracts import CHILD_B, row, write_extract

pytestmark = pytest.mark.django_db
BAD_NHS = "9990000019"   # fails Modulus 11


@pytest.fixture
def extract(tmp_path) -> ReferralExtract:
    path = write_extract(tmp_path / "=HYPERLINK(1).csv", [
        row(),                                                       # row 2: stored
        row(nhs_number=BAD_NHS),                                     # row 3: HR01
        row(nhs_number=CHILD_B, birth_month="2015-03-14",            # row 4: HR02
            first_contact_date="2024-01-05"),                        # and HR08
    ])
    load_extract(path, "886")
    return ReferralExtract.objects.get()


def test_the_list_shows_each_extract_with_its_counts(client_as, extract):
    html = client_as("health").get("/health/referrals/").content.decode()
    assert "=HYPERLINK(1).csv" in html and f"/health/referrals/{extract.pk}/" in html
    row_html = next(r for r in html.split("<tr") if "HYPERLINK" in r)
    assert "RXY" in row_html and ">1<" in row_html and ">2<" in row_html  # stored, held


def test_findings_show_the_shape_never_the_value(client_as, extract):
    response = client_as("analyst").get(f"/health/referrals/{extract.pk}/")
    html = response.content.decode()
    for given in (BAD_NHS, CHILD_B, "2015-03-14", "2024-01-05"):
        assert given not in html
    assert "[shape 9999999999, 10 characters]" in html          # the NHS number
    assert "[shape 9999-99-99, 10 characters]" in html          # birth month, contact date
    for code in ("HR01", "HR02", "HR08"):
        assert code in html
    assert response["Cache-Control"] == "no-store, private"
    event = AuditEvent.objects.order_by("-id").first()
    assert (event.action, event.object_type, event.object_id) == \
        ("view", "ReferralExtract", str(extract.pk))


def test_the_findings_csv_is_formula_safe_and_audited(client_as, extract):
    response = client_as("health").get(f"/health/referrals/{extract.pk}/?format=csv")
    assert response["Cache-Control"] == "no-store, private"
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [(r["row"], r["column"], r["rule"]) for r in rows] == [
        ("3", "nhs_number", "HR01"), ("4", "birth_month", "HR02"),
        ("4", "first_contact_date", "HR08")]
    assert {r["file"] for r in rows} == {"'=HYPERLINK(1).csv"}   # not a formula
    assert rows[0]["value_shape"] == "[shape 9999999999, 10 characters]"
    assert BAD_NHS not in response.content.decode()
    assert AuditEvent.objects.order_by("-id").first().action == "export"


def test_other_areas_and_roles_see_nothing(client, make_user, extract):
    elsewhere = make_user("health", username="health-201", areas=("201",))
    client.force_login(elsewhere)
    assert client.get(f"/health/referrals/{extract.pk}/").status_code == 404
    assert "HYPERLINK" not in client.get("/health/referrals/").content.decode()
    client.force_login(make_user("board"))
    assert client.get("/health/referrals/").status_code == 403
    assert client.get(f"/health/referrals/{extract.pk}/?format=csv").status_code == 403


def test_a_kept_shape_stays_a_shape_and_a_kept_value_becomes_one():
    assert shape_only("[shape 9999, 4 characters]") == "[shape 9999, 4 characters]"
    assert shape_only("2024-01-05") == "[shape 9999-99-99, 10 characters]"
    assert shape_only("") == ""
