"""Which organisations' health data a user may see. A user in the health role works for
the NHS in their areas: they see England and, for each of their areas, its ICB(s) and
those ICBs' NHS England regions, and no other ICB's or region's data (asking for one by
URL is refused). Other roles see NHS England's published statistics for every
organisation, as before (docs/adr/0017-autism-statistics-and-health-scoping.md)."""

from __future__ import annotations

from sendassure.core.roles import Role

from .organisations import ENGLAND, ENGLAND_CODE, icbs_of, region_of


def visible_organisations(user) -> frozenset[str] | None:
    """The ODS codes (and England) the user may see; None for every organisation."""
    if getattr(user, "role", None) != Role.HEALTH:
        return None
    icbs = {code for la in user.area_codes for code, _ in icbs_of(la)}
    regions = {region_of(code) for code in icbs} - {None}
    return frozenset({ENGLAND, ENGLAND_CODE, *icbs, *regions})

