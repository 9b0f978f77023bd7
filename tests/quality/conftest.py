"""Six children with active EHC plans in LA 886 (synthetic), for audits to be of."""

from __future__ import annotations

import pytest

from sendassure.ingest.importer import import_sen2

from ..casework.sen2_builder import active_plan, person, plan_issued, request, upn, write

NEEDS = ["ASD", "ASD", "SLCN", "SEMH", "MLD", "ASD"]


@pytest.fixture
def children(db, tmp_path) -> dict[int, str]:
    """n -> UPN for children 1..6, each with an active plan (primary need ``NEEDS``)."""
    people = [person(n, [request(received="2023-01-05", outcome_date="2023-02-01",
                                 assessment=plan_issued(date="2023-05-01", start="2023-05-01"),
                                 active=active_plan(SENneed=[{"SENtype": need,
                                                              "SENtypeRank": "1"}]))])
              for n, need in enumerate(NEEDS, start=1)]
    import_sen2([write(tmp_path, "area.xml", people, year="2024", reference_date="2024-01-18")])
    return {n: upn(n) for n in range(1, 7)}
