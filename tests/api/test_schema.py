"""The API keeps to its own OpenAPI schema: schemathesis generates requests from it (valid
and not) and checks every answer (no server error, documented status codes and content
types, bodies that match their schemas)."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from typer.testing import CliRunner

from sendassure.api.schema import openapi
from sendassure.cli import app
from sendassure.ingest.importer import import_sen2

from ..casework.sen2_builder import person, plan_issued, request, write

schema = schemathesis.openapi.from_dict(openapi())
schema.app = get_wsgi_application()


@pytest.fixture
def wsgi_in_test_transaction():
    """Schemathesis calls the WSGI app directly, so each request's end would close the
    database connection the test's transaction lives on (PostgreSQL: "the connection is
    closed" on the next request). Django's test client unhooks the same two receivers."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def token(db, tmp_path, make_user, wsgi_in_test_transaction):
    people = [person(n, [request(received="2024-01-10", outcome_date="2024-02-01",
                                 assessment=plan_issued(date=issued, start=issued))])
              for n, issued in enumerate(["2024-05-01", "2024-08-01", "2024-09-01"], start=1)]
    import_sen2([write(tmp_path, "a.xml", people)])
    make_user("board", username="api-board")
    return CliRunner().invoke(app, ["tokens", "add", "api-board"]).output.strip()


def test_the_served_schema_is_the_one_tested(client):
    assert client.get("/api/v1/schema").json() == openapi()


@schema.parametrize()
@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
def test_the_api_keeps_to_its_schema(case, token):
    case.call_and_validate(headers={"Authorization": f"Bearer {token}"})
