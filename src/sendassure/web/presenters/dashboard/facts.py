"""Precomputed dashboard pages (the fact table) and reading them back.

``refresh(la, run)`` runs inside the import's transaction (on the ``return_stored``
signal): it computes every dashboard page for the area's default view (the latest year
its returns cover, as known on 31 December of that year) for both audiences, exact and
disclosure-controlled, and stores them. A page view for that default reads the stored
result; any other choice of year, date or footprint is computed on demand.
"""

from __future__ import annotations

import dataclasses
from datetime import date

from sendassure.web.charts import Figure
from sendassure.web.models import DashboardFact

from .common import View


def default_year(collection_years) -> int | None:
    known = [int(y) - 1 for y in collection_years if y and str(y).isdigit()]
    return max(known) if known else None


def _dump(context: dict) -> dict:
    return {
        "sections": [[heading, rows] for heading, rows in context["sections"]],
        "figures": [dataclasses.asdict(f) for f in context["figures"]],
    }


def _load(payload: dict) -> dict:
    return {
        "sections": [(heading, rows) for heading, rows in payload["sections"]],
        "figures": [Figure(**{**f, "numeric": tuple(f.get("numeric", ()))})
                    for f in payload["figures"]],
    }


def refresh(la: str, run) -> int:
    """Recompute and store every page of the area's default view; returns pages stored."""
    from sendassure.ingest.models import ImportRun
    from sendassure.web.views.dashboard import PAGES

    year = default_year(ImportRun.objects.filter(la=la).values_list("collection_year",
                                                                    flat=True))
    if year is None:
        return 0
    as_of = date(year, 12, 31)
    DashboardFact.objects.filter(la=la).delete()
    facts = []
    for page, (_, build) in PAGES.items():
        for aggregate in (False, True):
            context = build(View(areas=[la], aggregate=aggregate, year=year, as_of=as_of))
            facts.append(DashboardFact(la=la, page=page, aggregate=aggregate, year=year,
                                       as_of=as_of, import_run=run, payload=_dump(context)))
    DashboardFact.objects.bulk_create(facts)
    return len(facts)


def stored(view: View, page: str) -> dict | None:
    """The stored page for this view, if it is an area's precomputed default."""
    if len(view.areas) != 1:
        return None
    fact = DashboardFact.objects.filter(
        la=view.areas[0], page=page, aggregate=view.aggregate, year=view.year, as_of=view.as_of
    ).only("payload").first()
    return _load(fact.payload) if fact else None
