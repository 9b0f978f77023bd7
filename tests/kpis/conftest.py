"""Builders for tiny hand-made frames (each test states its own figures)."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import count

import pytest

from sendassure.kpis.frames import active_plans_frame, requests_frame

_ids = count(1)


def request(received: date | None, **fields) -> dict:
    """A request row: defaults describe a boy with ASD in Kent, nothing decided."""
    row = {
        "la": "886", "request_id": next(_ids), "person_id": next(_ids),
        "received_date": received, "request_source": "1", "rya": "0",
        "request_outcome": "A", "sex": "M", "birth_month": date(2015, 1, 1),
        "ethnicity": "WBRI", "locality": "ME14", "primary_need": "ASD",
    }
    row.update(fields)
    return row


def issued(received: date, days: int, **fields) -> dict:
    """A request whose plan was issued ``days`` after it was received."""
    return request(
        received, request_outcome="Y", request_outcome_date=received + timedelta(days=30),
        assessment_outcome="Y", assessment_outcome_date=received + timedelta(days=days), **fields
    )


def plan(start: date | None = date(2020, 1, 1), **fields) -> dict:
    row = {"la": "886", "active_plan_id": next(_ids), "person_id": next(_ids),
           "start_date": start}
    row.update(fields)
    return row


@pytest.fixture
def build():
    class Build:
        request = staticmethod(request)
        issued = staticmethod(issued)
        plan = staticmethod(plan)
        requests = staticmethod(requests_frame)
        plans = staticmethod(active_plans_frame)

    return Build
