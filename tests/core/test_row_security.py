"""PostgreSQL row-level security by area: with the query scoping taken away (plain ORM
queries with no area filter), a web request still sees, adds and changes no other
area's rows. PostgreSQL only: SQLite has no row-level security (CI's PostgreSQL run
runs these)."""

from __future__ import annotations

from datetime import date

import pytest
from django.apps import apps
from django.db import DatabaseError, connection, transaction
from django.http import HttpResponse

from sendassure.core import row_security
from sendassure.core.middleware import AreaRowSecurityMiddleware
from sendassure.core.permissions import PUBLIC, requires

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql",
                                reason="row-level security is PostgreSQL's")


@pytest.fixture
def two_areas(db):
    from sendassure.plan.models import Plan
    from sendassure.voice.models import Complaint

    for la in ("886", "887"):
        Complaint.objects.create(la=la, reference=f"C-{la}", stage="1",
                                 received_on=date(2024, 3, 1), themes="delay")
        Plan.objects.create(la=la, title=f"Plan {la}", plan_type="app",
                            start_date=date(2023, 6, 1))


def test_every_area_table_has_the_policy(db):
    tables = row_security.area_tables(apps.get_models())
    assert {"casework_person", "casework_request", "ingest_importrun", "plan_plan",
            "voice_complaint", "figures_fact"} <= set(tables)
    with connection.cursor() as cursor:
        cursor.execute("SELECT c.relname FROM pg_class c JOIN pg_policies p "
                       "ON p.tablename = c.relname AND p.policyname = %s "
                       "WHERE c.relrowsecurity", [row_security.POLICY])
        covered = {row[0] for row in cursor.fetchall()}
    assert set(tables) <= covered


def test_an_unscoped_query_sees_only_the_users_areas(two_areas):
    from sendassure.plan.models import Plan
    from sendassure.voice.models import Complaint

    assert Complaint.objects.count() == 2  # the connecting user sees every area
    with row_security.only_areas(connection, ["886"]):
        assert list(Complaint.objects.values_list("la", flat=True)) == ["886"]
        assert list(Plan.objects.values_list("la", flat=True)) == ["886"]
        assert Complaint.objects.filter(la="887").update(themes="changed") == 0
        assert Complaint.objects.filter(la="887").delete()[0] == 0
    with row_security.only_areas(connection, []):
        assert Complaint.objects.count() == 0
    assert Complaint.objects.get(la="887").themes == "delay"


def test_rows_of_another_area_cannot_be_added(two_areas):
    from sendassure.voice.models import Complaint

    with row_security.only_areas(connection, ["886"]):
        Complaint.objects.create(la="886", reference="C-new", stage="1",
                                 received_on=date(2024, 4, 1), themes="delay")
        with pytest.raises(DatabaseError, match="row-level security"), transaction.atomic():
            Complaint.objects.create(la="887", reference="C-other", stage="1",
                                     received_on=date(2024, 4, 1), themes="delay")
    assert Complaint.objects.filter(la="887").count() == 1


def test_a_request_runs_with_the_users_areas_only(two_areas, rf, make_user):
    from sendassure.voice.models import Complaint

    @requires("signed_in")
    def forgot_the_area_filter(request):
        return HttpResponse(",".join(Complaint.objects.order_by("la").values_list(
            "la", flat=True)))

    @requires(PUBLIC)
    def public_page(request):
        return HttpResponse(",".join(Complaint.objects.order_by("la").values_list(
            "la", flat=True)))

    middleware = AreaRowSecurityMiddleware(lambda request: view(request))
    for user, view, seen in [(make_user("casework"), forgot_the_area_filter, "886"),
                             (make_user("analyst", "both", areas=("886", "887")),
                              forgot_the_area_filter, "886,887"),
                             (make_user("board", "none", areas=()),
                              forgot_the_area_filter, ""),
                             (make_user("forum"), public_page, "886,887")]:
        request = rf.get("/")
        request.user = user
        assert middleware.process_view(request, view, (), {}) is None
        assert middleware(request).content.decode() == seen
    assert Complaint.objects.count() == 2  # the role is reset after the request
